#pragma once

#include "net/autoreply.h"
#include "net/faultspec.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

// A guided exercise that mirrors a classic socket tutorial: the tab it uses and how to set it
// up, the program to run at the other end, and steps that tick off when the session sees them
// happen (LessonProgress). Lessons are data, one JSON file each in resources/lessons/, so that
// a teacher can read and add one; the format is documented in resources/lessons/README.md.
struct Lesson
{
    // What makes a step happen: a fact of the tab's session (Session's signals).
    struct Condition
    {
        // Paused, Resumed: the user paused or resumed reading a TCP connection.
        enum class On { State, Received, Sent, Error, Call, Paused, Resumed };
        On on = On::Received;
        QString state; // State: a Session::State key, "Bound"
        QString error; // Error: a QAbstractSocket::SocketError key, "ConnectionRefusedError"
        QRegularExpression match; // Call: the call's line; Error: its words (when set)
        qint64 totalBytes = 0; // Received, Sent: the bytes since the step began, at least
        bool cut = false; // Received: a datagram that Read at most cut
    };
    struct Step
    {
        QString text; // what to do
        QString why; // what to look at, and why, once it happened
        QString done; // "✓ a datagram arrived from {peer}": {peer}, {local}, {bytes}, {line}
        Condition when;
        // What the student does, in words a test can act on: open (Start, Listen or Connect),
        // run (the program), stop (the program), send, reply, pause or resume (reading, the
        // server's first client), wait.
        QStringList actions;
    };

    QString name; // "udp-receiver": the file's name, and --lesson's
    QString title;
    QString intro;
    QString tab; // the kind's key: "udp", "tcpClient" or "tcpServer"
    // How it sets the tab up: the port (the next free one from there), and more by kind.
    quint16 port = 0;
    AutoReply autoReply = AutoReply::None;
    qsizetype readLimit = 0; // UDP
    bool destination = false; // UDP: it sends to 127.0.0.1 on the lesson's port
    FaultSpec fault; // UDP and TCP server: faults on purpose (none for most lessons)
    // The program to run at the other end: a program of the Code panel ("other-end"), or
    // Python of the lesson's own, in which {port} is the tab's port.
    QString program;
    QString programFile; // a name to save it as
    QList<Step> steps;

    // The lesson in `json`; nothing, and `error` says why, when it is not one.
    static std::optional<Lesson> fromJson(const QByteArray &json, const QString &name,
                                          QString *error);
    // What a "state" condition may name: Session::State's keys.
    static QStringList stateKeys();
    // The program with the tab's port in it, or empty for a Code panel's program.
    QString ownProgram(quint16 port) const;
    bool usesCodePanelProgram() const { return program == QLatin1String("other-end"); }
};

namespace Lessons {

// The lessons in the resources, in their files' order (01-…, 02-…).
QList<Lesson> builtIn();
std::optional<Lesson> find(const QString &name);
// "udp-receiver  A UDP receiver", one a line: for --lesson list.
QString list();

} // namespace Lessons
