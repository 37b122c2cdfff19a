#include "net/clientlistmodel.h"

#include "net/tcpconnection.h"
#include "net/tcpserversession.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

// A server's clients as a table, checked by Qt's model tester while real clients come and go
// on loopback.
class tst_ClientListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rowsFollowClients();
    void showsEachClient();
    void countsAreRefreshed();
    void startsWithTheClientsAlreadyThere();
    void showsWhoIsPaused();

private:
    QTcpSocket *connectClient();

    std::unique_ptr<TcpServerSession> m_server;
    std::unique_ptr<ClientListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::vector<std::unique_ptr<QTcpSocket>> m_sockets;
};

void tst_ClientListModel::init()
{
    m_server = std::make_unique<TcpServerSession>();
    QVERIFY(m_server->listen(QHostAddress(QHostAddress::LocalHost), 0));
    m_model = std::make_unique<ClientListModel>(m_server.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_ClientListModel::cleanup()
{
    m_tester.reset();
    m_sockets.clear();
    m_model.reset();
    m_server.reset();
}

QTcpSocket *tst_ClientListModel::connectClient()
{
    const qsizetype before = m_server->clients().size();
    m_sockets.push_back(std::make_unique<QTcpSocket>());
    QTcpSocket *socket = m_sockets.back().get();
    socket->connectToHost(QHostAddress(QHostAddress::LocalHost), m_server->localEndpoint().port);
    if (!QTest::qWaitFor([this, before] { return m_server->clients().size() > before; }, 20000))
        return nullptr;
    return socket;
}

void tst_ClientListModel::rowsFollowClients()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), int(ClientListModel::ColumnCount));
    for (int i = 0; i < 3; ++i)
        QVERIFY(connectClient());
    QCOMPARE(m_model->rowCount(), 3);

    // The second leaves: its row goes, the others stay in order.
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_sockets.at(1)->disconnectFromHost();
    QVERIFY(removed.wait(10000));
    QCOMPARE(removed.constFirst().at(1).toInt(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(0, ClientListModel::NameColumn).data().toString(), QStringLiteral("user1"));
    QCOMPARE(m_model->index(1, ClientListModel::NameColumn).data().toString(), QStringLiteral("user3"));

    m_server->stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 0, 10000);
}

void tst_ClientListModel::showsEachClient()
{
    QTcpSocket *socket = connectClient();
    QVERIFY(socket);
    const QModelIndex name = m_model->index(0, ClientListModel::NameColumn);
    QCOMPARE(name.data().toString(), QStringLiteral("user1"));
    QCOMPARE(name.data(ClientListModel::IdRole).toInt(), m_server->clients().constFirst()->id());
    QCOMPARE(m_model->index(0, ClientListModel::PeerColumn).data().toString(),
             QStringLiteral("127.0.0.1:%1").arg(socket->localPort()));
    QVERIFY(!m_model->index(0, ClientListModel::SinceColumn).data().toString().isEmpty());
    QCOMPARE(m_model->index(0, ClientListModel::ReceivedColumn).data(Qt::TextAlignmentRole)
                     .value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter);
    QCOMPARE(m_model->headerData(ClientListModel::PeerColumn, Qt::Horizontal).toString(),
             QStringLiteral("Peer"));
}

// Byte counts change with every chunk; the view hears about them on a timer, not per chunk.
void tst_ClientListModel::countsAreRefreshed()
{
    QTcpSocket *socket = connectClient();
    QVERIFY(socket);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    socket->write(QByteArray(1234, 'x'));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->index(0, ClientListModel::ReceivedColumn).data().toString(),
                              QLocale().toString(1234), 10000);
    QVERIFY(changed.wait(ClientListModel::RefreshIntervalMs * 20));
    const QModelIndex topLeft = changed.constLast().at(0).toModelIndex();
    const QModelIndex bottomRight = changed.constLast().at(1).toModelIndex();
    QCOMPARE(topLeft.column(), int(ClientListModel::ReceivedColumn));
    QCOMPARE(bottomRight.column(), int(ClientListModel::SentColumn));
    QVERIFY(m_server->sendToAll("ok"));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->index(0, ClientListModel::SentColumn).data().toString(),
                              QStringLiteral("2"), 10000);
}

void tst_ClientListModel::startsWithTheClientsAlreadyThere()
{
    QVERIFY(connectClient());
    QVERIFY(connectClient());
    ClientListModel late(m_server.get());
    QAbstractItemModelTester tester(&late, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(late.rowCount(), 2);
    QCOMPARE(late.index(1, ClientListModel::NameColumn).data().toString(), QStringLiteral("user2"));
}

// A client whose reading is paused says so in its row at once, and only its row.
void tst_ClientListModel::showsWhoIsPaused()
{
    QVERIFY(connectClient());
    QVERIFY(connectClient());
    ClientListModel late(m_server.get()); // watches the clients that were there too
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy lateChanged(&late, &QAbstractItemModel::dataChanged);
    const int second = m_server->clients().at(1)->id();
    m_server->setReadingPaused({ second }, true);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(lateChanged.size(), 1);
    QCOMPARE(changed.constFirst().at(0).toModelIndex().row(), 1);
    const QModelIndex name = m_model->index(1, ClientListModel::NameColumn);
    QCOMPARE(name.data().toString(), QStringLiteral("user2 (paused)"));
    QVERIFY(name.data(Qt::ToolTipRole).toString().contains(u"Reading paused"));
    QCOMPARE(late.index(1, ClientListModel::NameColumn).data().toString(),
             QStringLiteral("user2 (paused)"));
    QCOMPARE(m_model->index(0, ClientListModel::NameColumn).data().toString(),
             QStringLiteral("user1"));
    QVERIFY(m_model->index(0, ClientListModel::NameColumn).data(Qt::ToolTipRole).isNull());
    m_server->setReadingPaused({ second }, false);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(name.data().toString(), QStringLiteral("user2"));
}

QTEST_GUILESS_MAIN(tst_ClientListModel)
#include "tst_clientlistmodel.moc"
