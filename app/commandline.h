#pragma once

#include "autoreply.h"

#include <QString>
#include <QStringList>

#include <optional>

// A host (name or address, possibly empty) and a port, as typed after --udp and friends.
struct HostPort
{
    QString host;
    quint16 port = 0;
};

// What the window opens with; see `sockscope --help` and the README.
struct LaunchOptions
{
    std::optional<HostPort> udpBind;
    std::optional<HostPort> udpRemote;
    std::optional<HostPort> tcpServer;
    std::optional<HostPort> tcpClient;
    std::optional<AutoReply> autoReply; // for the UDP and TCP server sessions opened here
    QString logFile;
};

// Parses the command line without an application object, so that a bad argument is reported
// on stderr, with exit status 2, before any window (or display connection) exists.
class CommandLine
{
public:
    enum class Outcome { Run, ShowHelp, ShowVersion, Error };

    Outcome parse(const QStringList &arguments);

    const LaunchOptions &options() const { return m_options; }
    QString errorMessage() const { return m_error; }
    QString helpText() const;

    // "[ADDR:]PORT" for a local endpoint: 9000, 127.0.0.1:9000, [::1]:9000, localhost:0.
    static std::optional<HostPort> parseLocal(QStringView text, QString *error);
    // "HOST:PORT" for a destination: the host is required and the port is 1 to 65535.
    static std::optional<HostPort> parseRemote(QStringView text, QString *error);

private:
    LaunchOptions m_options;
    QString m_error;
};
