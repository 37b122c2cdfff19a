// Fuzzes CommandLine: what a user or a script types after `sockscope`.
//
// Input: the arguments after the program's name, separated by NUL bytes, in UTF-8. The options
// are those of the built-in session kinds, and each argument is also read on its own as a local
// and as a remote endpoint.
//
// Invariants, from what commandline.h and the README's Command line section promise:
//   one line          a refused command line has a message of printable characters only: no
//                     newline, control, format or separator character a value could bring in
//   endpoints         an endpoint that is taken has the form of its option (a remote one has a
//                     host and a port from 1), and reads back the same from how it is written
//                     (host:port, [v6]:port); a port is only digits, written as a number is
//   checks            a command line that runs passes every option's check (no relay on UDP)
//   help, version     asked for only with -h, --help, -v or --version
//   stands alone      a CommandLine that parsed other arguments before parses these as a new
//                     one does
//   log file          a refused command line leaves no file behind; one that runs with
//                     --log-file has created exactly that file
//
// --log-file creates the file it names, as the recording would, so that a path that cannot be
// written is a bad argument before the window opens. The fuzzed paths must not land all over the
// disk: each parse runs in a directory of its own (removed at exit), an input with a '/' in an
// argument is skipped so that a path cannot leave that directory, and the file a parse created
// is removed after the checks. A crash inside a parse leaves libFuzzer in that directory:
// ./dev.sh fuzz gives it absolute paths for what it writes.
#include "fuzzinput.h"

#include "config/commandline.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <unistd.h>

namespace {

// The options of the built-in session kinds (ui/tabs/sessionkinds.cpp, in the UI library that
// this build leaves out), with UDP's check; their words are never shown.
QList<EndpointOption> endpointOptions()
{
    const auto refuseRelay = [](const LaunchOptions &options) {
        return options.autoReply == AutoReply::Relay ? QStringLiteral("relay is for TCP")
                                                     : QString();
    };
    return { { QStringLiteral("udp"), EndpointOption::Form::Local, {}, refuseRelay,
               QStringLiteral("udp") },
             { QStringLiteral("udp-remote"), EndpointOption::Form::Remote, {}, {},
               QStringLiteral("udp") },
             { QStringLiteral("tcp-server"), EndpointOption::Form::Local, {}, {},
               QStringLiteral("tcpServer") },
             { QStringLiteral("tcp-client"), EndpointOption::Form::Remote, {}, {},
               QStringLiteral("tcpClient") } };
}

struct Sandbox
{
    QTemporaryDir directory { QDir::tempPath() + u"/sockscope-commandline-fuzz-XXXXXX" };
    QString home = QDir::currentPath();
};
const Sandbox *sandbox = nullptr;

QStringList argumentsOf(QByteArrayView input)
{
    QStringList arguments { QStringLiteral("sockscope") };
    if (input.isEmpty())
        return arguments;
    for (const QByteArray &argument : input.toByteArray().split('\0'))
        arguments << QString::fromUtf8(argument);
    return arguments;
}

bool isOneLine(QStringView message)
{
    for (const char32_t codePoint : message.toUcs4()) {
        const QChar::Category category = QChar::category(codePoint);
        if (!QChar::isPrint(codePoint) || category == QChar::Separator_Line
            || category == QChar::Separator_Paragraph)
            return false;
    }
    return !message.isEmpty();
}

// How a person writes the endpoint: port, host:port, or [host]:port.
QString written(const HostPort &endpoint)
{
    const QString port = QString::number(endpoint.port);
    if (endpoint.host.isEmpty())
        return port;
    if (endpoint.host.contains(u':') || endpoint.host.startsWith(u'['))
        return u'[' + endpoint.host + u"]:" + port;
    return endpoint.host + u':' + port;
}

bool same(const std::optional<HostPort> &a, const std::optional<HostPort> &b)
{
    return a.has_value() == b.has_value() && (!a || (a->host == b->host && a->port == b->port));
}

void checkEndpoint(QStringView text, EndpointOption::Form form)
{
    const bool local = form == EndpointOption::Form::Local;
    QString error;
    const std::optional<HostPort> parsed =
            local ? CommandLine::parseLocal(text, &error) : CommandLine::parseRemote(text, &error);
    require(parsed.has_value() == error.isEmpty(),
            "endpoints: an endpoint is refused with a reason");
    if (!parsed)
        return;
    require(local || (!parsed->host.isEmpty() && parsed->port >= 1),
            "endpoints: a remote one has a host and a port from 1");
    const QString port = QString::number(parsed->port);
    require(text.endsWith(QString(u':' + port)) || (local && text == port),
            "endpoints: a port is only digits, written as a number is");
    const QString writtenForm = written(*parsed);
    const std::optional<HostPort> again = local ? CommandLine::parseLocal(writtenForm, &error)
                                                : CommandLine::parseRemote(writtenForm, &error);
    require(same(parsed, again), "endpoints: one reads back the same from how it is written");
}

void checkRun(const CommandLine &commandLine, const QList<EndpointOption> &options)
{
    for (const EndpointOption &option : options) {
        const std::optional<HostPort> endpoint = commandLine.options().endpoint(option.name);
        if (!endpoint)
            continue;
        checkEndpoint(written(*endpoint), option.form);
        require(!option.check || option.check(commandLine.options()).isEmpty(),
                "checks: a command line that runs passes every option's check");
    }
}

bool given(const QStringList &arguments, std::initializer_list<QStringView> names)
{
    return std::any_of(arguments.begin() + 1, arguments.end(), [names](const QString &argument) {
        return std::find(names.begin(), names.end(), argument) != names.end();
    });
}

void checkStandsAlone(CommandLine &reused, const CommandLine &fresh, CommandLine::Outcome outcome,
                      const QStringList &arguments, const QList<EndpointOption> &options)
{
    require(reused.parse(arguments) == outcome,
            "stands alone: a CommandLine that parsed before gives the same outcome");
    if (outcome == CommandLine::Outcome::Error) {
        require(reused.errorMessage() == fresh.errorMessage(),
                "stands alone: a CommandLine that parsed before gives the same message");
        return;
    }
    bool sameOptions = reused.options().autoReply == fresh.options().autoReply
            && reused.options().logFile == fresh.options().logFile;
    for (const EndpointOption &option : options)
        sameOptions = sameOptions
                && same(reused.options().endpoint(option.name),
                        fresh.options().endpoint(option.name));
    require(sameOptions, "stands alone: a CommandLine that parsed before gives the same options");
}

// What is in the sandbox: nothing, or the log file of a command line that runs.
void checkFiles(const CommandLine &commandLine, CommandLine::Outcome outcome)
{
    const QStringList files = QDir(sandbox->directory.path())
                                      .entryList(QDir::AllEntries | QDir::NoDotAndDotDot
                                                 | QDir::Hidden | QDir::System);
    if (outcome != CommandLine::Outcome::Run || commandLine.options().logFile.isEmpty()) {
        require(files.isEmpty(), "log file: a command line that does not record leaves no file");
        return;
    }
    require(files == QStringList { commandLine.options().logFile },
            "log file: one that runs with --log-file has created exactly that file");
    ::unlink(QFile::encodeName(commandLine.options().logFile).constData());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    static const Sandbox instance;
    require(instance.directory.isValid(), "setup: a temporary directory for --log-file");
    sandbox = &instance;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QStringList arguments =
            argumentsOf(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (std::any_of(arguments.begin(), arguments.end(),
                    [](const QString &argument) { return argument.contains(u'/'); }))
        return -1; // not kept in the corpus
    const QList<EndpointOption> options = endpointOptions();

    for (const QString &argument : arguments) {
        checkEndpoint(argument, EndpointOption::Form::Local);
        checkEndpoint(argument, EndpointOption::Form::Remote);
    }

    QDir::setCurrent(sandbox->directory.path());
    CommandLine fresh(options);
    const CommandLine::Outcome outcome = fresh.parse(arguments);
    switch (outcome) {
    case CommandLine::Outcome::Error:
        require(isOneLine(fresh.errorMessage()),
                "one line: a refused command line has a message of printable characters only");
        break;
    case CommandLine::Outcome::ShowHelp:
        require(given(arguments, { u"-h", u"--h", u"-help", u"--help" }),
                "help, version: asked for only with -h or --help");
        break;
    case CommandLine::Outcome::ShowVersion:
        require(given(arguments, { u"-v", u"--v", u"-version", u"--version" }),
                "help, version: asked for only with -v or --version");
        break;
    case CommandLine::Outcome::Run:
        checkRun(fresh, options);
        break;
    case CommandLine::Outcome::PrintCode:
        checkRun(fresh, options);
        require(fresh.options().code && fresh.options().logFile.isEmpty()
                        && !fresh.sessionSetup().kind.isEmpty(),
                "code: --code prints the program of exactly one session, and records nothing");
        break;
    case CommandLine::Outcome::ListLessons:
        require(fresh.options().lesson == u"list",
                "lessons: listed only when --lesson list was asked for");
        break;
    }
    static CommandLine reused(endpointOptions());
    checkStandsAlone(reused, fresh, outcome, arguments, options);
    checkFiles(fresh, outcome);
    QDir::setCurrent(sandbox->home);
    return 0;
}
