#include "tabs/sessionkinds.h"

#include "log/logview.h"
#include "tabs/tcpclienttab.h"
#include "tabs/tcpservertab.h"
#include "tabs/udptab.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

// As QObject::tr(), in the context "SessionKind".
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("SessionKind", text, disambiguation, n);
}

// A kind whose tab is `Tab`, shown with Ctrl+`digit` and opened again with Ctrl+Shift+`digit`;
// its settings group is its key.
template<typename Tab>
SessionKind kind(const QString &key, const char *displayName, const char *showAction,
                 const char *newAction, Qt::Key digit, int launchOrder,
                 QList<EndpointOption> commandLine,
                 bool (*launch)(Tab &tab, const LaunchOptions &options))
{
    return SessionKind { key,
                         displayName,
                         showAction,
                         newAction,
                         key,
                         QKeySequence(Qt::CTRL | digit),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | digit),
                         launchOrder,
                         std::move(commandLine),
                         [](const SessionTab::Context &context, QWidget *parent) -> SessionTab * {
                             return new Tab(context, parent);
                         },
                         [launch](SessionTab &tab, const LaunchOptions &options) {
                             // On before the session opens, so that its first calls show.
                             const bool shown = tab.logView()->showsSocketCalls();
                             if (options.socketCalls)
                                 tab.showSocketCalls(true);
                             const bool launched = launch(static_cast<Tab &>(tab), options);
                             if (!launched)
                                 tab.showSocketCalls(shown);
                             return launched;
                         } };
}

QList<EndpointOption> udpOptions()
{
    const auto refuseRelay = [](const LaunchOptions &options) {
        return options.autoReply == AutoReply::Relay
                ? tr("--auto-reply: relay is for a TCP server's clients; UDP has none. Use it "
                     "with --tcp-server only, or choose echo or timestamp")
                : QString();
    };
    return { { QStringLiteral("udp"), EndpointOption::Form::Local,
               tr("open the UDP tab bound to PORT (0: the system picks);\n"
                  "without ADDR, on every address (IPv4 and IPv6)"),
               refuseRelay },
             { QStringLiteral("udp-remote"), EndpointOption::Form::Remote,
               tr("where the UDP tab sends to"), {} } };
}

// --udp-remote sets where to send; --udp, with --auto-reply, binds.
bool launchUdp(UdpTab &tab, const LaunchOptions &options)
{
    if (const std::optional<HostPort> remote = options.endpoint(u"udp-remote"))
        tab.setDestination(*remote);
    const std::optional<HostPort> local = options.endpoint(u"udp");
    if (!local)
        return false;
    if (options.autoReply)
        tab.setAutoReply(*options.autoReply);
    if (options.fault)
        tab.setFaults(*options.fault);
    tab.bindTo(*local);
    return true;
}

QList<EndpointOption> tcpClientOptions()
{
    return { { QStringLiteral("tcp-client"), EndpointOption::Form::Remote,
               tr("open the TCP Client tab and connect to HOST:PORT"), {} } };
}

bool launchTcpClient(TcpClientTab &tab, const LaunchOptions &options)
{
    const std::optional<HostPort> server = options.endpoint(u"tcp-client");
    if (!server)
        return false;
    tab.connectTo(*server);
    return true;
}

QList<EndpointOption> tcpServerOptions()
{
    return { { QStringLiteral("tcp-server"), EndpointOption::Form::Local,
               tr("open the TCP Server tab listening on PORT; without\n"
                  "ADDR, on every address (IPv4 and IPv6)"),
               {} } };
}

bool launchTcpServer(TcpServerTab &tab, const LaunchOptions &options)
{
    const std::optional<HostPort> local = options.endpoint(u"tcp-server");
    if (!local)
        return false;
    if (options.autoReply)
        tab.setAutoReply(*options.autoReply);
    if (options.fault)
        tab.setFaults(*options.fault);
    tab.listenOn(*local);
    return true;
}

} // namespace

QString SessionKind::name() const
{
    return tr(displayName);
}

namespace SessionKinds {

QList<SessionKind> builtIn()
{
    // A server listens (launch order 1) before a client connects to it (2).
    return {
        kind<UdpTab>(QStringLiteral("udp"), QT_TRANSLATE_NOOP("SessionKind", "UDP"),
                     QT_TRANSLATE_NOOP("SessionKind", "&UDP"),
                     QT_TRANSLATE_NOOP("SessionKind", "New U&DP Session"), Qt::Key_1, 0,
                     udpOptions(), launchUdp),
        kind<TcpClientTab>(QStringLiteral("tcpClient"),
                           QT_TRANSLATE_NOOP("SessionKind", "TCP Client"),
                           QT_TRANSLATE_NOOP("SessionKind", "TCP &Client"),
                           QT_TRANSLATE_NOOP("SessionKind", "New TCP C&lient Session"), Qt::Key_2,
                           2, tcpClientOptions(), launchTcpClient),
        kind<TcpServerTab>(QStringLiteral("tcpServer"),
                           QT_TRANSLATE_NOOP("SessionKind", "TCP Server"),
                           QT_TRANSLATE_NOOP("SessionKind", "TCP &Server"),
                           QT_TRANSLATE_NOOP("SessionKind", "New TCP Se&rver Session"), Qt::Key_3,
                           1, tcpServerOptions(), launchTcpServer),
    };
}

QList<EndpointOption> commandLineOptions(QList<SessionKind> kinds)
{
    // --help lists them in the order they open.
    std::stable_sort(kinds.begin(), kinds.end(), [](const SessionKind &a, const SessionKind &b) {
        return a.launchesBefore(b);
    });
    QList<EndpointOption> options;
    for (const SessionKind &kind : std::as_const(kinds)) {
        for (EndpointOption option : kind.commandLine) {
            option.kind = kind.key;
            options << option;
        }
    }
    return options;
}

} // namespace SessionKinds
