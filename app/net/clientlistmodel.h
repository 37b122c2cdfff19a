#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

class TcpConnection;
class TcpServerSession;

// A TCP server's clients as a table: name (with "(paused)" while its reading is paused),
// peer address:port, connected since, bytes in and out. Rows follow the session's connects and disconnects; the byte counts are refreshed on
// a timer rather than per chunk, so a busy server costs the view a few repaints a second.
class ClientListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientListModel)

public:
    enum Column { NameColumn, PeerColumn, SinceColumn, ReceivedColumn, SentColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role { IdRole = Qt::UserRole + 1 }; // int, the client's TcpConnection::id()

    static constexpr int RefreshIntervalMs = 500;

    explicit ClientListModel(TcpServerSession *session, QObject *parent = nullptr);
    ~ClientListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    TcpConnection *client(int row) const { return m_clients.at(row); }
    // The name column of a client whose reading is paused: "user3 (paused)".
    static QString pausedName(const QString &name);

private:
    void clientConnected(TcpConnection *client);
    void clientDisconnected(TcpConnection *client);
    void watchPausing(TcpConnection *client);
    void refreshCounts();

    QList<TcpConnection *> m_clients;
    QTimer m_refresh;
};
