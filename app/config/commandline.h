#pragma once

#include "net/autoreply.h"
#include "net/faultspec.h"
#include "teach/programtext.h"
#include "teach/sessionsetup.h"

#include <QCommandLineOption>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QCommandLineParser;

// A host (name or address, possibly empty) and a port, as typed after --udp and friends.
struct HostPort
{
    QString host;
    quint16 port = 0;
};

// What the window opens with; see `sockscope --help` and the README.
struct LaunchOptions
{
    // The value of an option that opens a session ("udp" for --udp), if it was given.
    std::optional<HostPort> endpoint(QStringView option) const;
    void setEndpoint(const QString &option, const HostPort &value);

    std::optional<AutoReply> autoReply; // for the UDP and TCP server sessions opened here
    std::optional<FaultSpec> fault; // --fault: for the UDP and TCP server sessions opened here
    QString logFile;
    bool socketCalls = false; // the sessions opened here show their socket calls
    QString lesson; // --lesson: the lesson to open the window on (Lessons::find())
    // --code: print this program for the one session the options describe, open no window.
    std::optional<ProgramText::Program> code;

private:
    QMap<QString, HostPort> m_endpoints;
};

// An option that opens a session of one kind at start-up, e.g. --udp [ADDR:]PORT. Each session
// kind brings its own (see the kind registry); the command line knows none by name.
struct EndpointOption
{
    enum class Form {
        Local, // [ADDR:]PORT: where to bind or listen; port 0 lets the system choose
        Remote, // HOST:PORT: where to send or connect; both required
    };

    QString name; // without the dashes: "udp"
    Form form = Form::Local;
    QString description; // for --help; one line of it per '\n'
    // A reason, in one line, why the options given do not fit this one; empty when they do.
    std::function<QString(const LaunchOptions &)> check;
    // The key of the session kind it opens ("udp"), which the kind registry fills in; options
    // of one kind describe one session (--code). Empty: the option is a kind of its own.
    QString kind {};
};

// Parses the command line without an application object, so that a bad argument is reported
// on stderr, with exit status 2, before any window (or display connection) exists.
class CommandLine
{
public:
    enum class Outcome { Run, ShowHelp, ShowVersion, PrintCode, ListLessons, Error };

    explicit CommandLine(QList<EndpointOption> endpointOptions);

    Outcome parse(const QStringList &arguments);

    const LaunchOptions &options() const { return m_options; }
    QString errorMessage() const { return m_error; }
    // For PrintCode: the session the options describe (its kind, endpoints and auto-reply).
    SessionSetup sessionSetup() const;
    // Written from the options' own descriptions.
    QString helpText() const;

    // "[ADDR:]PORT" for a local endpoint: 9000, 127.0.0.1:9000, [::1]:9000, localhost:0. A
    // port is 1 to 5 ASCII digits with no sign, space or leading zero.
    static std::optional<HostPort> parseLocal(QStringView text, QString *error);
    // "HOST:PORT" for a destination: the host is required and the port is 1 to 65535.
    static std::optional<HostPort> parseRemote(QStringView text, QString *error);

private:
    Outcome parseArguments(const QStringList &arguments);
    bool checkGivenOnce(const QCommandLineParser &parser);
    bool takeEndpoints(const QCommandLineParser &parser);
    bool takeGeneralOptions(const QCommandLineParser &parser);
    bool takeFault(const QCommandLineParser &parser);
    bool checkEndpoints();
    bool checkLogFile();
    bool takeLesson(const QCommandLineParser &parser);
    bool checkCode();
    // The kinds whose options were given, in the order of the options.
    QStringList kindsGiven() const;

    QList<EndpointOption> m_endpointOptions;
    QList<QCommandLineOption> m_parserOptions; // every option, in the order --help lists them
    LaunchOptions m_options;
    QString m_error;
};
