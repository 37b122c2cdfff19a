#include "mainwindow.h"

#include "commandline.h"
#include "logmodel.h"
#include "sessionlog.h"
#include "udpsession.h"
#include "udptab.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void ctrl1FocusesTheComposer();
    void ctrlFFocusesTheFilter();
    void ctrlLClearsTheLog();
    void launchOptionsOpenTheSession();
    void geometryComesBack();

private:
    std::unique_ptr<MainWindow> showWindow(const LaunchOptions &options = {});
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_MainWindow::cleanup()
{
    QSettings().clear();
}

std::unique_ptr<MainWindow> tst_MainWindow::showWindow(const LaunchOptions &options)
{
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    QApplication::setActiveWindow(window.get());
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning() << "window did not become active";
    return window;
}

void tst_MainWindow::ctrl1FocusesTheComposer()
{
    const auto window = showWindow();
    QTest::keyClick(window.get(), Qt::Key_1, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString(),
                 QStringLiteral("inputEdit"));
}

void tst_MainWindow::ctrlFFocusesTheFilter()
{
    const auto window = showWindow();
    QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString(),
                 QStringLiteral("filterEdit"));
}

void tst_MainWindow::ctrlLClearsTheLog()
{
    const auto window = showWindow();
    SessionLog *log = window->udpTab()->sessionLog();
    log->addEvent(Direction::Info, QStringLiteral("one"));
    log->addEvent(Direction::Info, QStringLiteral("two"));
    log->model()->flush();
    QCOMPARE(log->model()->rowCount(), 2);
    QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(log->model()->rowCount(), 0);
}

void tst_MainWindow::launchOptionsOpenTheSession()
{
    QTemporaryDir dir;
    LaunchOptions options;
    options.udpBind = HostPort { QStringLiteral("127.0.0.1"), 0 };
    options.udpRemote = HostPort { QStringLiteral("::1"), 9009 };
    options.autoReply = AutoReply::Echo;
    options.logFile = dir.filePath(QStringLiteral("rec.jsonl"));
    auto window = showWindow(options);
    UdpSession *session = window->udpTab()->session();
    QVERIFY(session->isBound());
    QCOMPARE(session->localEndpoint().address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(session->autoReply(), AutoReply::Echo);
    QVERIFY(window->recorder()->isRecording());
    auto *status = window->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QVERIFY2(status->text().contains(session->localEndpoint().toString()), qPrintable(status->text()));
    window.reset(); // closing flushes the recording
    QFile file(options.logFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray recorded = file.readAll();
    QVERIFY2(recorded.contains("Recording every log entry") && recorded.contains("Bound to 127.0.0.1:"),
             recorded.constData());
}

void tst_MainWindow::geometryComesBack()
{
    QSize saved;
    {
        const auto window = showWindow();
        window->resize(1200, 700);
        QTRY_COMPARE(window->size(), QSize(1200, 700));
        saved = window->size();
        window->close();
    }
    const auto again = showWindow();
    QCOMPARE(again->size(), saved);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
