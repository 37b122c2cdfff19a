#include "tabs/sessionkinds.h"

#include "tabs/tcpclienttab.h"
#include "tabs/tcpservertab.h"
#include "tabs/udptab.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SessionKind", text);
}

template<typename Tab>
SessionTab *create(const SessionTab::Context &context, QWidget *parent)
{
    return new Tab(context, parent);
}

SessionKind udp()
{
    SessionKind kind { QStringLiteral("udp"),
                       QT_TRANSLATE_NOOP("SessionKind", "UDP"),
                       QT_TRANSLATE_NOOP("SessionKind", "&UDP"),
                       QT_TRANSLATE_NOOP("SessionKind", "New U&DP Session"),
                       QStringLiteral("udp"),
                       QKeySequence(Qt::CTRL | Qt::Key_1),
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_1),
                       0,
                       {},
                       create<UdpTab> };
    kind.commandLine << EndpointOption {
        QStringLiteral("udp"), EndpointOption::Form::Local,
        tr("open the UDP tab bound to PORT (0: the system picks);\n"
           "without ADDR, on every address (IPv4 and IPv6)"),
        [](const LaunchOptions &options) {
            return options.autoReply == AutoReply::Relay
                    ? tr("--auto-reply: relay is for a TCP server's clients; UDP has none. Use "
                         "it with --tcp-server only, or choose echo or timestamp")
                    : QString();
        }
    };
    kind.commandLine << EndpointOption { QStringLiteral("udp-remote"),
                                         EndpointOption::Form::Remote,
                                         tr("where the UDP tab sends to"),
                                         {} };
    return kind;
}

SessionKind tcpClient()
{
    SessionKind kind { QStringLiteral("tcpClient"),
                       QT_TRANSLATE_NOOP("SessionKind", "TCP Client"),
                       QT_TRANSLATE_NOOP("SessionKind", "TCP &Client"),
                       QT_TRANSLATE_NOOP("SessionKind", "New TCP C&lient Session"),
                       QStringLiteral("tcpClient"),
                       QKeySequence(Qt::CTRL | Qt::Key_2),
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_2),
                       2,
                       {},
                       create<TcpClientTab> };
    kind.commandLine << EndpointOption { QStringLiteral("tcp-client"),
                                         EndpointOption::Form::Remote,
                                         tr("open the TCP Client tab and connect to HOST:PORT"),
                                         {} };
    return kind;
}

SessionKind tcpServer()
{
    SessionKind kind { QStringLiteral("tcpServer"),
                       QT_TRANSLATE_NOOP("SessionKind", "TCP Server"),
                       QT_TRANSLATE_NOOP("SessionKind", "TCP &Server"),
                       QT_TRANSLATE_NOOP("SessionKind", "New TCP Se&rver Session"),
                       QStringLiteral("tcpServer"),
                       QKeySequence(Qt::CTRL | Qt::Key_3),
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_3),
                       1,
                       {},
                       create<TcpServerTab> };
    kind.commandLine << EndpointOption {
        QStringLiteral("tcp-server"), EndpointOption::Form::Local,
        tr("open the TCP Server tab listening on PORT; without\n"
           "ADDR, on every address (IPv4 and IPv6)"),
        {}
    };
    return kind;
}

} // namespace

QString SessionKind::name() const
{
    return tr(displayName);
}

namespace SessionKinds {

QList<SessionKind> builtIn()
{
    return { udp(), tcpClient(), tcpServer() };
}

QList<EndpointOption> commandLineOptions(QList<SessionKind> kinds)
{
    // --help lists them in the order they open.
    std::stable_sort(kinds.begin(), kinds.end(), [](const SessionKind &a, const SessionKind &b) {
        return a.launchOrder < b.launchOrder;
    });
    QList<EndpointOption> options;
    for (const SessionKind &kind : std::as_const(kinds))
        options << kind.commandLine;
    return options;
}

} // namespace SessionKinds
