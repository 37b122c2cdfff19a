#include "net/clientlistmodel.h"

#include "net/tcpconnection.h"
#include "net/tcpserversession.h"

#include <QLocale>

ClientListModel::ClientListModel(TcpServerSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clients(session->clients())
{
    connect(session, &TcpServerSession::clientConnected, this, &ClientListModel::clientConnected);
    connect(session, &TcpServerSession::clientDisconnected, this,
            &ClientListModel::clientDisconnected);
    m_refresh.setInterval(RefreshIntervalMs);
    connect(&m_refresh, &QTimer::timeout, this, &ClientListModel::refreshCounts);
    if (!m_clients.isEmpty())
        m_refresh.start();
    for (TcpConnection *client : std::as_const(m_clients))
        watchPausing(client);
}

ClientListModel::~ClientListModel() = default;

int ClientListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_clients.size());
}

int ClientListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TcpConnection *c = m_clients.at(index.row());
    if (role == IdRole)
        return c->id();
    if (role == Qt::ToolTipRole && c->isReadingPaused()) {
        return tr("Reading paused: what %1 sends waits in the kernel's receive queue, and its "
                  "send() blocks once that is full.")
                .arg(c->name());
    }
    if (role == Qt::TextAlignmentRole) {
        return index.column() >= ReceivedColumn ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                                                : QVariant();
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn: return c->isReadingPaused() ? pausedName(c->name()) : c->name();
    case PeerColumn: return c->peerEndpoint().toString();
    case SinceColumn: return c->connectedSince().toString(QStringLiteral("hh:mm:ss.zzz"));
    case ReceivedColumn: return QLocale().toString(c->bytesReceived());
    case SentColumn: return QLocale().toString(c->bytesSent());
    }
    return {};
}

QVariant ClientListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Client");
    case PeerColumn: return tr("Peer");
    case SinceColumn: return tr("Connected since");
    case ReceivedColumn: return tr("Bytes in");
    case SentColumn: return tr("Bytes out");
    }
    return {};
}

QString ClientListModel::pausedName(const QString &name)
{
    return tr("%1 (paused)").arg(name);
}

void ClientListModel::clientConnected(TcpConnection *client)
{
    const int row = int(m_clients.size());
    beginInsertRows({}, row, row);
    m_clients << client;
    endInsertRows();
    m_refresh.start();
    watchPausing(client);
}

void ClientListModel::watchPausing(TcpConnection *client)
{
    connect(client, &TcpConnection::readingPausedChanged, this, [this, client] {
        const int row = int(m_clients.indexOf(client));
        if (row >= 0)
            Q_EMIT dataChanged(index(row, NameColumn), index(row, NameColumn),
                               { Qt::DisplayRole, Qt::ToolTipRole });
    });
}

void ClientListModel::clientDisconnected(TcpConnection *client)
{
    const int row = int(m_clients.indexOf(client));
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_clients.removeAt(row);
    endRemoveRows();
    if (m_clients.isEmpty())
        m_refresh.stop();
}

void ClientListModel::refreshCounts()
{
    Q_EMIT dataChanged(index(0, ReceivedColumn), index(rowCount() - 1, SentColumn),
                       { Qt::DisplayRole });
}
