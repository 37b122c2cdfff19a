// Parses the command line, then wires the core and the window together. Nothing else.
#include "config/commandline.h"
#include "mainwindow.h"
#include "system/heap.h"
#include "system/openfilelimit.h"
#include "system/terminationwatcher.h"
#include "teach/lesson.h"
#include "text/pluralforms.h"
#include "tabs/sessionkinds.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Sockscope"));
    QCoreApplication::setApplicationName(QStringLiteral("Sockscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKSCOPE_VERSION));

    // Before QApplication: a bad argument must not need (or wait for) a display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const QList<SessionKind> kinds = SessionKinds::builtIn();
    CommandLine commandLine(SessionKinds::commandLineOptions(kinds));
    switch (commandLine.parse(arguments)) {
    case CommandLine::Outcome::Error:
        std::fprintf(stderr, "sockscope: %s\n", qUtf8Printable(commandLine.errorMessage()));
        return 2;
    case CommandLine::Outcome::ShowHelp:
        std::fputs(qUtf8Printable(commandLine.helpText()), stdout);
        return 0;
    case CommandLine::Outcome::ShowVersion:
        std::printf("sockscope %s\n", SOCKSCOPE_VERSION);
        return 0;
    case CommandLine::Outcome::PrintCode: // no window, so no display is needed
        std::fputs(qUtf8Printable(ProgramText::program(commandLine.sessionSetup(),
                                                       *commandLine.options().code)),
                   stdout);
        return 0;
    case CommandLine::Outcome::ListLessons:
        std::fputs(qUtf8Printable(Lessons::list()), stdout);
        return 0;
    case CommandLine::Outcome::Run:
        break;
    }

    OpenFileLimit::raise();
    Heap::configure();
    QApplication app(argc, argv);
    PluralForms::install();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sockscope.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("sockscope"));

    MainWindow window(commandLine.options(), kinds);
    TerminationWatcher termination;
    QObject::connect(&termination, &TerminationWatcher::terminationRequested, &window,
                     &MainWindow::terminate);
    window.show();
    return app.exec();
}
