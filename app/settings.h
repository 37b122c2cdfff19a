#pragma once

#include "autoreply.h"
#include "payloadcodec.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

// What the user chose last time, per session kind, kept with QSettings. No widgets here: the
// UI reads a profile when it builds a tab and writes it back when the user acts.
class Settings
{
public:
    struct Composer
    {
        PayloadCodec::InputMode mode = PayloadCodec::InputMode::Text;
        PayloadCodec::LineEnding lineEnding = PayloadCodec::LineEnding::None;
        QStringList history; // oldest first
        int repeatCount = 10;
        // Repeat paces by a pause between sends, or by a rate for what a pause in whole
        // milliseconds cannot say (more than 1,000 a second).
        bool repeatByRate = false;
        int repeatIntervalMs = 1000;
        int repeatRate = 1000; // sends per second
    };

    struct Udp
    {
        QString localAddress; // empty: every address
        quint16 localPort = 0;
        QString remoteHost = QStringLiteral("127.0.0.1");
        quint16 remotePort = 9000;
        AutoReply autoReply = AutoReply::None;
        QString multicastGroup = QStringLiteral("239.255.0.1");
    };

    // A framing as the user chose it: a StreamFramer key, and the custom delimiter as typed
    // (text with escapes, e.g. "\\r\\n\\r\\n").
    struct Framing
    {
        QString key = QStringLiteral("none");
        QString delimiter = QStringLiteral("\\0");
    };

    struct TcpClient
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 9000;
        quint16 localPort = 0; // 0: the system chooses
        int connectTimeoutMs = 5000;
        Framing framing;
    };

    struct TcpServer
    {
        QString address; // empty: every address, IPv4 and IPv6
        quint16 port = 9000;
        int maxClients = 100;
        AutoReply autoReply = AutoReply::None;
        bool relayNames = true;
        bool announces = true;
        Framing framing;
    };

    static constexpr int MaxHistory = 100;

    Settings();

    Composer composer(const QString &sessionKind) const;
    void setComposer(const QString &sessionKind, const Composer &composer);

    // Whether the session kind's log shows as a chat transcript rather than a table.
    bool chatView(const QString &sessionKind) const;
    void setChatView(const QString &sessionKind, bool chat);

    Udp udp() const;
    void setUdp(const Udp &udp);

    TcpClient tcpClient() const;
    void setTcpClient(const TcpClient &client);
    TcpServer tcpServer() const;
    void setTcpServer(const TcpServer &server);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    QString recordingPath() const;
    void setRecordingPath(const QString &path);

    void sync() { m_settings.sync(); }

private:
    Framing framing(const QString &group) const;
    void setFraming(const QString &group, const Framing &framing);

    QSettings m_settings;
};
