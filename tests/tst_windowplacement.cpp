#include "config/commandline.h"
#include "config/settings.h"
#include "mainwindow.h"
#include "windowplacement.h"

#include <QApplication>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Runs on the offscreen platform with two screens side by side, larger than the window's
// smallest size (the platform's one screen of 800x800 is not): LeftScreen is the primary one.
namespace {

constexpr QRect LeftScreen(0, 0, 1280, 800);
constexpr QRect RightScreen(1280, 0, 1366, 768);

QString rect(const QRect &r)
{
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace

class tst_WindowPlacement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void fit_data();
    void fit();
    void geometryComesBack();
    void savedGeometryComesBackOnScreen_data();
    void savedGeometryComesBackOnScreen();
    void maximizedComesBackMaximized();

private:
    static std::unique_ptr<MainWindow> showWindow();
};

void tst_WindowPlacement::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QCOMPARE(QGuiApplication::screens().size(), 2);
    QCOMPARE(QGuiApplication::primaryScreen()->availableGeometry(), LeftScreen);
}

void tst_WindowPlacement::cleanup()
{
    QSettings().clear();
}

std::unique_ptr<MainWindow> tst_WindowPlacement::showWindow()
{
    auto window = std::make_unique<MainWindow>(LaunchOptions {});
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning() << "window was not exposed";
    return window;
}

void tst_WindowPlacement::fit_data()
{
    QTest::addColumn<QRect>("frame");
    QTest::addColumn<QRect>("fitted");
    const QRect screen(100, 50, 1000, 700);
    QTest::newRow("inside stays") << QRect(200, 100, 500, 400) << QRect(200, 100, 500, 400);
    QTest::newRow("right edge") << QRect(900, 100, 500, 400) << QRect(600, 100, 500, 400);
    QTest::newRow("far right and below") << QRect(9000, 9000, 500, 400) << QRect(600, 350, 500, 400);
    QTest::newRow("above and left") << QRect(-800, -600, 500, 400) << QRect(100, 50, 500, 400);
    QTest::newRow("wider") << QRect(300, 100, 1500, 400) << QRect(100, 100, 1000, 400);
    QTest::newRow("taller") << QRect(300, 100, 500, 900) << QRect(300, 50, 500, 700);
    QTest::newRow("larger and off") << QRect(-5000, 3000, 4000, 3000) << screen;
    QTest::newRow("exactly the screen") << screen << screen;
}

void tst_WindowPlacement::fit()
{
    QFETCH(QRect, frame);
    QFETCH(QRect, fitted);
    QCOMPARE(WindowPlacement::fit(frame, QRect(100, 50, 1000, 700)), fitted);
}

// The window comes back where it was, at every start: not a title bar lower each time.
void tst_WindowPlacement::geometryComesBack()
{
    const QRect wanted(RightScreen.topLeft() + QPoint(30, 40), QSize(1200, 700));
    {
        const auto window = showWindow();
        window->setGeometry(wanted);
        QTRY_COMPARE(window->geometry(), wanted);
        window->close();
    }
    for (int start = 0; start < 3; ++start) {
        const auto again = showWindow();
        QCOMPARE(again->geometry(), wanted);
        QCOMPARE(again->screen()->geometry(), RightScreen);
        again->close();
    }
}

void tst_WindowPlacement::savedGeometryComesBackOnScreen_data()
{
    QTest::addColumn<QRect>("frame");
    QTest::addColumn<QRect>("screen");
    QTest::newRow("right of every screen") << QRect(5000, 100, 1200, 700) << LeftScreen;
    QTest::newRow("above and left of them") << QRect(-3000, -2000, 1200, 700) << LeftScreen;
    QTest::newRow("larger than either screen") << QRect(0, 0, 5000, 4000) << RightScreen;
    QTest::newRow("hanging below the second") << QRect(1400, 500, 1200, 700) << RightScreen;
    QTest::newRow("mostly on the second") << QRect(1000, 20, 1200, 700) << RightScreen;
    QTest::newRow("smaller than it may be") << QRect(100, 100, 200, 100) << LeftScreen;
}

// A window kept on a screen that is gone or smaller now comes back wholly on a screen there is:
// the one that has most of it.
void tst_WindowPlacement::savedGeometryComesBackOnScreen()
{
    QFETCH(QRect, frame);
    QFETCH(QRect, screen);
    QSize margins; // what the platform's frame adds around a window
    {
        const auto window = showWindow();
        margins = window->frameGeometry().size() - window->geometry().size();
    }
    Settings().setWindowPlace({ frame, frame.size() - margins, false });
    const auto window = showWindow();
    QVERIFY2(screen.contains(window->frameGeometry()), qPrintable(rect(window->frameGeometry())));
    QVERIFY(window->width() >= window->minimumSizeHint().width());
}

void tst_WindowPlacement::maximizedComesBackMaximized()
{
    const QRect normal(RightScreen.topLeft() + QPoint(10, 10), QSize(1200, 700));
    {
        const auto window = showWindow();
        window->setGeometry(normal);
        QTRY_COMPARE(window->geometry(), normal);
        window->showMaximized();
        QTRY_VERIFY(window->isMaximized());
        window->close();
    }
    const Settings::WindowPlace place = Settings().windowPlace();
    QVERIFY(place.maximized);
    QCOMPARE(place.size, normal.size());
    const auto again = showWindow();
    QTRY_VERIFY(again->isMaximized());
    QCOMPARE(again->screen()->geometry(), RightScreen);
}

int main(int argc, char *argv[])
{
    QTemporaryDir dir;
    QFile config(dir.filePath(QStringLiteral("screens.json")));
    if (!config.open(QIODevice::WriteOnly))
        return 1;
    const auto screen = [](const char *name, const QRect &r) {
        return QStringLiteral("{\"name\":\"%1\",\"x\":%2,\"y\":%3,\"width\":%4,\"height\":%5,"
                              "\"logicalDpi\":96,\"logicalBaseDpi\":96,\"dpr\":1}")
                .arg(QLatin1StringView(name))
                .arg(r.x())
                .arg(r.y())
                .arg(r.width())
                .arg(r.height());
    };
    config.write(QStringLiteral("{\"screens\":[%1,%2]}")
                         .arg(screen("left", LeftScreen), screen("right", RightScreen))
                         .toUtf8());
    config.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.fileName().toUtf8());
    QApplication app(argc, argv);
    tst_WindowPlacement test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowplacement.moc"
