#include "net/networkchoices.h"

#include <QCoreApplication>

namespace NetworkChoices {
namespace {

// As QObject::tr(), in the context "NetworkChoices".
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("NetworkChoices", text, disambiguation, n);
}

bool isUsable(const QNetworkInterface &interface)
{
    return interface.flags().testFlag(QNetworkInterface::IsUp);
}

} // namespace

QList<Choice> localAddresses()
{
    QList<Choice> choices {
        { tr("Every address (IPv4 and IPv6)"), QString() },
        { tr("0.0.0.0 (every IPv4 address)"), QStringLiteral("0.0.0.0") },
        { tr(":: (every IPv6 address)"), QStringLiteral("::") },
        { tr("127.0.0.1 (loopback, this machine only)"), QStringLiteral("127.0.0.1") },
        { tr("::1 (IPv6 loopback)"), QStringLiteral("::1") },
    };
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        if (!isUsable(interface) || interface.flags().testFlag(QNetworkInterface::IsLoopBack))
            continue;
        const QList<QNetworkAddressEntry> entries = interface.addressEntries();
        for (const QNetworkAddressEntry &entry : entries) {
            const QString address = entry.ip().toString();
            choices.append({ tr("%1 (%2)").arg(address, interface.humanReadableName()), address });
        }
    }
    return choices;
}

QList<Choice> destinations()
{
    QList<Choice> choices {
        { QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.1") },
        { QStringLiteral("::1"), QStringLiteral("::1") },
        { QStringLiteral("localhost"), QStringLiteral("localhost") },
        { tr("255.255.255.255 (broadcast)"), QStringLiteral("255.255.255.255") },
    };
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        if (!isUsable(interface))
            continue;
        const QList<QNetworkAddressEntry> entries = interface.addressEntries();
        for (const QNetworkAddressEntry &entry : entries) {
            if (entry.broadcast().isNull())
                continue;
            const QString address = entry.broadcast().toString();
            choices.append({ tr("%1 (broadcast on %2)").arg(address, interface.humanReadableName()),
                             address });
        }
    }
    return choices;
}

QList<QNetworkInterface> multicastInterfaces()
{
    QList<QNetworkInterface> result;
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        if (!isUsable(interface))
            continue;
        if (interface.flags().testFlag(QNetworkInterface::IsLoopBack))
            result.prepend(interface);
        else if (interface.flags().testFlag(QNetworkInterface::CanMulticast))
            result.append(interface);
    }
    return result;
}

} // namespace NetworkChoices
