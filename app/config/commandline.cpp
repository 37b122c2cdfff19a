#include "config/commandline.h"
#include "config/commandlinetr.h"

#include "teach/lesson.h"

#include "text/escapedtext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cerrno>

#include <fcntl.h>
#include <unistd.h>

namespace {

using CommandLineText::tr;

// Why `path` cannot be appended to, in the system's words; empty when it can. Creates the
// file when it is missing, as the recording would.
QString cannotAppend(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK: a FIFO without a reader is refused (ENXIO) rather than waited for.
    const int descriptor
        = ::open(native.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0666);
    if (descriptor < 0)
        return qt_error_string(errno);
    ::close(descriptor);
    return {};
}

} // namespace

CommandLine::CommandLine(QList<EndpointOption> endpointOptions)
    : m_endpointOptions(std::move(endpointOptions))
{
    for (const EndpointOption &option : std::as_const(m_endpointOptions)) {
        const bool local = option.form == EndpointOption::Form::Local;
        m_parserOptions << QCommandLineOption(option.name, option.description,
                                              local ? QStringLiteral("[ADDR:]PORT")
                                                    : QStringLiteral("HOST:PORT"));
    }
    m_parserOptions << QCommandLineOption(
        QStringLiteral("auto-reply"),
        tr("for the UDP and TCP server sessions opened here: none,\n"
           "echo (send every payload back), timestamp (answer\n"
           "\"[<ctime>] <payload>\"), or relay (TCP server only:\n"
           "a chat room, like ncat --chat)"),
        QStringLiteral("MODE"));
    m_parserOptions << QCommandLineOption(QStringLiteral("code"),
                                          tr("print the program of the one session the other\n"
                                             "options describe, and exit with no window:\n"
                                             "other-end (the Python program that talks to it),\n"
                                             "this-end (Python that does what it does) or qt\n"
                                             "(the same in Qt C++)"),
                                          QStringLiteral("PROGRAM"));
    m_parserOptions << QCommandLineOption(
        QStringLiteral("fault"),
        tr("faults on purpose for the auto-reply of the UDP and TCP\n"
           "server sessions opened here, e.g. drop=50,delay=200:\n"
           "drop=N (% of what is received, not answered), delay=MS\n"
           "or MIN-MAX, duplicate=N and reorder=N (% of the replies;\n"
           "UDP only)"),
        QStringLiteral("SPEC"));
    m_parserOptions << QCommandLineOption(QStringLiteral("log-file"),
                                          tr("append every log entry to PATH as JSON Lines"),
                                          QStringLiteral("PATH"));
    m_parserOptions << QCommandLineOption(
        QStringLiteral("lesson"),
        tr("open the window on the lesson NAME (Help → Lessons);\n"
           "list prints the lessons and exits"),
        QStringLiteral("NAME"));
    m_parserOptions << QCommandLineOption(QStringLiteral("socket-calls"),
                                          tr("the sessions opened here show each socket call they\n"
                                             "make, as Python's socket module writes it"));
    m_parserOptions << QCommandLineOption({ QStringLiteral("h"), QStringLiteral("help") },
                                          tr("show this help"));
    m_parserOptions << QCommandLineOption({ QStringLiteral("v"), QStringLiteral("version") },
                                          tr("show the version"));
}

QString CommandLine::helpText() const
{
    constexpr qsizetype DescriptionColumn = 28;
    QString text = tr("Usage: sockscope [options]\n"
                      "See sockets work: UDP and TCP peers with a live, exact log of every "
                      "message.\n\nOptions:\n");
    for (const QCommandLineOption &option : m_parserOptions) {
        QStringList names;
        for (const QString &name : option.names())
            names << (name.size() == 1 ? QString(u"-" + name) : QString(u"--" + name));
        QString head = u"  " + names.join(u", ");
        if (!option.valueName().isEmpty())
            head += u' ' + option.valueName();
        const QStringList lines = option.description().split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString lead = i == 0 ? head : QString();
            const QString padded = lead.size() + 2 > DescriptionColumn
                ? lead + u'\n' + QString(DescriptionColumn, u' ')
                : lead.leftJustified(DescriptionColumn);
            text += padded + lines.at(i) + u'\n';
        }
    }
    text += tr("\nADDR and HOST may be IPv4, IPv6 in brackets ([::1]:9000) or a host name.\n"
               "A bad value exits with status 2 and a one-line message.\n");
    return text;
}

CommandLine::Outcome CommandLine::parse(const QStringList &arguments)
{
    const Outcome outcome = parseArguments(arguments);
    // The message quotes what was typed: whatever that holds reaches the terminal as text, on
    // one line (an ESC would recolour it, a newline would break it).
    if (outcome == Outcome::Error)
        m_error = EscapedText::toText(m_error.toUtf8());
    return outcome;
}

CommandLine::Outcome CommandLine::parseArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(m_parserOptions);
    m_options = {};
    if (!parser.parse(arguments)) {
        if (const QStringList unknown = parser.unknownOptionNames(); !unknown.isEmpty()) {
            const QString &name = unknown.constFirst();
            m_error = tr("unknown option \"%1\"; see --help")
                          .arg((name.size() == 1 ? u"-" : u"--") + name);
        } else {
            QString text = parser.errorText(); // "Missing value after '--udp'."
            if (text.endsWith(u'.'))
                text.chop(1);
            if (!text.isEmpty()) // in the middle of a line, as every other message
                text[0] = text.at(0).toLower();
            m_error = text + u"; see --help";
        }
        return Outcome::Error;
    }
    if (parser.isSet(QStringLiteral("help")))
        return Outcome::ShowHelp;
    if (parser.isSet(QStringLiteral("version")))
        return Outcome::ShowVersion;
    if (!parser.positionalArguments().isEmpty()) {
        m_error = tr("unexpected argument \"%1\"; see --help")
                      .arg(parser.positionalArguments().constFirst());
        return Outcome::Error;
    }
    if (!checkGivenOnce(parser) || !takeEndpoints(parser) || !takeGeneralOptions(parser)
        || !takeFault(parser) || !takeLesson(parser) || !checkEndpoints() || !checkCode()
        || !checkLogFile())
        return Outcome::Error;
    if (m_options.lesson == QLatin1String("list"))
        return Outcome::ListLessons;
    return m_options.code ? Outcome::PrintCode : Outcome::Run;
}

// Last, once everything else is right, since it creates the file: before the window opens, a
// recording that cannot start is a bad argument.
bool CommandLine::checkLogFile()
{
    if (m_options.logFile.isEmpty())
        return true;
    if (const QString reason = cannotAppend(m_options.logFile); !reason.isEmpty()) {
        m_error = tr("--log-file: cannot append to \"%1\": %2; give a file in a folder you can "
                     "write to")
                      .arg(m_options.logFile, reason);
        return false;
    }
    return true;
}

// An option that takes a value says one thing; given twice, which one was meant is unknown.
bool CommandLine::checkGivenOnce(const QCommandLineParser &parser)
{
    for (const QCommandLineOption &option : std::as_const(m_parserOptions)) {
        if (option.valueName().isEmpty())
            continue;
        const QString name = option.names().constLast();
        const QStringList values = parser.values(name);
        if (values.size() > 1) {
            m_error
                = tr("--%1 is given %n times (\"%2\"); give it once", nullptr, int(values.size()))
                      .arg(name, values.join(u"\", \""));
            return false;
        }
    }
    return true;
}

bool CommandLine::takeEndpoints(const QCommandLineParser &parser)
{
    for (const EndpointOption &option : std::as_const(m_endpointOptions)) {
        if (!parser.isSet(option.name))
            continue;
        QString error;
        const std::optional<HostPort> value = option.form == EndpointOption::Form::Local
            ? parseLocal(parser.value(option.name), &error)
            : parseRemote(parser.value(option.name), &error);
        if (!value) {
            m_error = u"--" + option.name + u": " + error;
            return false;
        }
        m_options.setEndpoint(option.name, *value);
    }
    return true;
}

bool CommandLine::takeGeneralOptions(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("auto-reply"))) {
        const QString mode = parser.value(QStringLiteral("auto-reply"));
        m_options.autoReply = EnumKeys::find<AutoReply>(mode);
        if (!m_options.autoReply) {
            m_error = tr("--auto-reply: unknown mode \"%1\"; use none, echo, timestamp or relay")
                          .arg(mode);
            return false;
        }
    }
    m_options.socketCalls = parser.isSet(QStringLiteral("socket-calls"));
    if (parser.isSet(QStringLiteral("code"))) {
        const QString program = parser.value(QStringLiteral("code"));
        m_options.code = EnumKeys::find<ProgramText::Program>(program);
        if (!m_options.code) {
            m_error
                = tr("--code: unknown program \"%1\"; use other-end, this-end or qt").arg(program);
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("log-file"))) {
        m_options.logFile = parser.value(QStringLiteral("log-file"));
        if (m_options.logFile.isEmpty()) {
            m_error = tr("--log-file: the path is empty; give a file to append to");
            return false;
        }
    }
    return true;
}

bool CommandLine::takeFault(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("fault")))
        return true;
    const QString text = parser.value(QStringLiteral("fault"));
    const FaultSpecs::ParseResult fault = FaultSpecs::parse(text);
    if (!fault.isValid()) {
        m_error = tr("--fault: %1 (at character %2 of \"%3\")")
                      .arg(fault.error, QString::number(fault.errorPosition + 1), text);
        return false;
    }
    if (!fault.spec.isActive()) {
        m_error = tr("--fault: \"%1\" sets no fault; give one, e.g. --fault drop=50").arg(text);
        return false;
    }
    if (m_options.code) {
        // The program printed is the other end's or this end's, which loses nothing itself.
        m_error = tr("--fault: a fault on purpose is not part of the program that --code "
                     "prints; give --fault or --code, not both");
        return false;
    }
    m_options.fault = fault.spec;
    return true;
}

bool CommandLine::takeLesson(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("lesson")))
        return true;
    m_options.lesson = parser.value(QStringLiteral("lesson"));
    if (m_options.lesson != QLatin1String("list") && !Lessons::find(m_options.lesson)) {
        m_error = tr("--lesson: there is no lesson \"%1\"; sockscope --lesson list shows them")
                      .arg(m_options.lesson);
        return false;
    }
    return true;
}

// Each option that was given may refuse what goes with it (relay has no meaning for --udp).
bool CommandLine::checkEndpoints()
{
    for (const EndpointOption &option : std::as_const(m_endpointOptions)) {
        if (!option.check || !m_options.endpoint(option.name))
            continue;
        m_error = option.check(m_options);
        if (!m_error.isEmpty())
            return false;
    }
    return true;
}

// --code writes the program of one session: the options must describe exactly one.
bool CommandLine::checkCode()
{
    if (!m_options.code)
        return true;
    if (!m_options.logFile.isEmpty()) {
        m_error = tr("--code prints a program and opens no window, so --log-file has nothing to "
                     "record; give one of them");
        return false;
    }
    const QStringList kinds = kindsGiven();
    if (kinds.isEmpty()) {
        m_error = tr("--code: no session to write the program for; give the options of one, "
                     "e.g. --udp 9000 --code other-end");
        return false;
    }
    if (kinds.size() > 1) {
        QStringList given;
        for (const EndpointOption &option : std::as_const(m_endpointOptions)) {
            if (m_options.endpoint(option.name))
                given << u"--" + option.name;
        }
        m_error = tr("--code: the options describe %n sessions (%1); give the options of one",
                     nullptr, int(kinds.size()))
                      .arg(given.join(u", "));
        return false;
    }
    return true;
}

QStringList CommandLine::kindsGiven() const
{
    QStringList kinds;
    for (const EndpointOption &option : m_endpointOptions) {
        const QString kind = option.kind.isEmpty() ? option.name : option.kind;
        if (m_options.endpoint(option.name) && !kinds.contains(kind))
            kinds << kind;
    }
    return kinds;
}

SessionSetup CommandLine::sessionSetup() const
{
    SessionSetup setup;
    setup.kind = kindsGiven().value(0);
    setup.autoReply = m_options.autoReply.value_or(AutoReply::None);
    for (const EndpointOption &option : m_endpointOptions) {
        const std::optional<HostPort> value = m_options.endpoint(option.name);
        if (!value)
            continue;
        if (option.form == EndpointOption::Form::Local) {
            setup.localAddress = value->host;
            setup.localPort = value->port;
        } else {
            setup.remoteHost = value->host;
            setup.remotePort = value->port;
        }
    }
    return setup;
}
