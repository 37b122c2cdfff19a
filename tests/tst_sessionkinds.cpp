#include "tabs/sessionkinds.h"

#include "compose/messagecomposer.h"
#include "config/commandline.h"
#include "log/logmodel.h"
#include "log/logview.h"
#include "log/sessionlog.h"
#include "mainwindow.h"
#include "net/session.h"
#include "tabs/sessiontab.h"
#include "tabtesthelpers.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QFile>
#include <QTest>
#include <QVBoxLayout>

// A kind of session the window has never heard of: one registry row, its session, its tab. It
// must appear everywhere a kind does (the Sessions menu, its shortcuts, the command line, the
// settings) without a line of MainWindow knowing it.
const Endpoint Box { QHostAddress(QHostAddress::LocalHost), 7 };

// An echo box without a socket: opening it "binds"; whatever it is sent comes straight back.
class EchoBoxSession final : public Session
{
    Q_OBJECT

public:
    EchoBoxSession()
        : Session(Transport::Udp, nullptr)
    {
    }

    Endpoint localEndpoint() const override { return isOpen() ? Box : Endpoint {}; }

    void open()
    {
        setState(State::Bound);
        notice(tr("The echo box is open."));
    }
    void shutDown() override
    {
        setState(State::Closed);
        notice(tr("The echo box is closed."));
    }

    bool send(const QByteArray &payload)
    {
        if (!isOpen()) {
            reportError(QAbstractSocket::OperationError, tr("The echo box is closed."));
            return false;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Q_EMIT sent(payload, Box, Box, now);
        Q_EMIT received(payload, Box, Box, now);
        return true;
    }
};

class EchoBoxTab final : public SessionTab
{
    Q_OBJECT

public:
    explicit EchoBoxTab(const Context &context, QWidget *parent)
        : EchoBoxTab(context, new EchoBoxSession, parent)
    {
    }

    EchoBoxSession *session() const { return m_session; }

protected:
    bool send(const QByteArray &payload) override { return m_session->send(payload); }
    bool sendFile(const QString &path) override
    {
        QFile file(path); // a box of small files: the bytes, as one message
        return file.open(QIODevice::ReadOnly) && m_session->send(file.readAll());
    }
    QString stateText() const override
    {
        return m_session->isOpen() ? QStringLiteral("Echo box open") : QStringLiteral("Echo box closed");
    }
    QString titleDetail() const override { return QStringLiteral(" (open)"); }
    QString emptyLogHint() const override
    {
        return m_session->isOpen() ? QString() : QStringLiteral("Open the box.");
    }
    void saveControls(Settings::Group &settings) override
    {
        settings.setValue(u"label", m_labelEdit->text());
    }

private:
    EchoBoxTab(const Context &context, EchoBoxSession *session, QWidget *parent)
        : SessionTab(context, session, parent)
        , m_session(session)
    {
        auto *controls = new QWidget(this);
        auto *layout = new QVBoxLayout(controls);
        m_labelEdit = new QLineEdit(controls);
        m_labelEdit->setObjectName(QStringLiteral("labelEdit"));
        layout->addWidget(m_labelEdit);
        setControls(controls, ControlsHeight::Fixed);
        m_labelEdit->setText(settings().text(u"label"));
    }

    EchoBoxSession *m_session;
    QLineEdit *m_labelEdit;
};

namespace {

SessionKind echoBox()
{
    SessionKind kind { QStringLiteral("echoBox"),
                       "Echo Box",
                       "&Echo Box",
                       "New &Echo Box Session",
                       QStringLiteral("echoBoxGroup"),
                       QKeySequence(Qt::CTRL | Qt::Key_9),
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_9),
                       5,
                       {},
                       [](const SessionTab::Context &context, QWidget *parent) -> SessionTab * {
                           return new EchoBoxTab(context, parent);
                       },
                       [](SessionTab &tab, const LaunchOptions &options) {
                           if (!options.endpoint(u"echo-box"))
                               return false;
                           static_cast<EchoBoxTab &>(tab).session()->open();
                           return true;
                       } };
    kind.commandLine << EndpointOption { QStringLiteral("echo-box"), EndpointOption::Form::Local,
                                         QStringLiteral("open the echo box"),
                                         {} };
    return kind;
}

QList<SessionKind> withEchoBox()
{
    return SessionKinds::builtIn() << echoBox();
}

QString focusName()
{
    return QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString();
}

} // namespace

class tst_SessionKinds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void builtInKindsAreDistinct();
    void aMadeUpKindGetsATabAndTheMenu();
    void itsShortcutsShowAndOpenIt();
    void itsTrafficIsLoggedLikeAnyOther();
    void itsCommandLineOptionOpensIt();
    void itsSettingsComeBack();
    void tabGoesFromItsControlsToTheComposer();

private:
    std::unique_ptr<MainWindow> showWindow(const LaunchOptions &options = {});
    static QAction *action(MainWindow *window, const QKeySequence &shortcut);
};

void tst_SessionKinds::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_SessionKinds::cleanup()
{
    QSettings().clear();
}

std::unique_ptr<MainWindow> tst_SessionKinds::showWindow(const LaunchOptions &options)
{
    auto window = std::make_unique<MainWindow>(options, withEchoBox());
    window->show();
    QApplication::setActiveWindow(window.get());
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning() << "window did not become active";
    return window;
}

QAction *tst_SessionKinds::action(MainWindow *window, const QKeySequence &shortcut)
{
    for (QAction *a : window->menuBar()->findChildren<QAction *>()) {
        if (a->shortcut() == shortcut)
            return a;
    }
    return nullptr;
}

// Keys, settings groups, shortcuts and option names never collide.
void tst_SessionKinds::builtInKindsAreDistinct()
{
    QSet<QString> keys, groups, shortcuts, options;
    for (const SessionKind &kind : withEchoBox()) {
        QVERIFY(kind.createTab && kind.launch);
        keys << kind.key;
        groups << kind.settingsGroup;
        shortcuts << kind.showShortcut.toString() << kind.newShortcut.toString();
        for (const EndpointOption &option : kind.commandLine)
            options << option.name;
    }
    const qsizetype kinds = withEchoBox().size();
    QCOMPARE(keys.size(), kinds);
    QCOMPARE(groups.size(), kinds);
    QCOMPARE(shortcuts.size(), 2 * kinds);
    qsizetype optionCount = 0;
    for (const SessionKind &kind : withEchoBox())
        optionCount += kind.commandLine.size();
    QCOMPARE(options.size(), optionCount);
}

void tst_SessionKinds::aMadeUpKindGetsATabAndTheMenu()
{
    const auto window = showWindow();
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"));
    const int echoBox = int(SessionKinds::builtIn().size()); // after the built-in kinds
    QCOMPARE(tabs->count(), echoBox + 1);
    QCOMPARE(tabs->tabText(echoBox), QStringLiteral("Echo Box"));
    QVERIFY(window->firstTab<EchoBoxTab>(QStringLiteral("echoBox")));
    QAction *show = action(window.get(), QKeySequence(Qt::CTRL | Qt::Key_9));
    QAction *open = action(window.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_9));
    QVERIFY(show && open);
    QCOMPARE(show->text(), QStringLiteral("&Echo Box"));
    QCOMPARE(open->text(), QStringLiteral("New &Echo Box Session"));
    // In the Sessions menu, with the built-in kinds.
    QMenu *sessions = nullptr;
    for (QAction *menu : window->menuBar()->actions()) {
        if (menu->text() == QStringLiteral("&Sessions"))
            sessions = menu->menu();
    }
    QVERIFY(sessions);
    QVERIFY(sessions->actions().contains(show));
    QVERIFY(sessions->actions().contains(open));
}

void tst_SessionKinds::itsShortcutsShowAndOpenIt()
{
    const auto window = showWindow();
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"));
    QTest::keyClick(window.get(), Qt::Key_9, Qt::ControlModifier);
    QCOMPARE(tabs->currentWidget(), window->firstTab(QStringLiteral("echoBox")));
    QTRY_COMPARE(focusName(), QStringLiteral("inputEdit"));

    const int kinds = tabs->count();
    QTest::keyClick(window.get(), Qt::Key_9, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(tabs->count(), kinds + 1);
    QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Echo Box 2"));
    QVERIFY(qobject_cast<EchoBoxTab *>(tabs->currentWidget()));
    QTest::keyClick(window.get(), Qt::Key_W, Qt::ControlModifier);
    QTRY_COMPARE(tabs->count(), kinds);
    // The first of the kind stays.
    QTest::keyClick(window.get(), Qt::Key_9, Qt::ControlModifier);
    QTest::keyClick(window.get(), Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(tabs->count(), kinds);
}

void tst_SessionKinds::itsTrafficIsLoggedLikeAnyOther()
{
    const auto window = showWindow();
    auto *tab = window->firstTab<EchoBoxTab>(QStringLiteral("echoBox"));
    QTest::keyClick(window.get(), Qt::Key_9, Qt::ControlModifier);
    TabTest::typeAndSend(tab, QStringLiteral("before"));
    QVERIFY(TabTest::findRow(tab->sessionLog(), Direction::Error, {},
                             QStringLiteral("The echo box is closed.")));

    tab->session()->open();
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"));
    QTRY_COMPARE(tabs->tabText(tabs->indexOf(tab)), QStringLiteral("Echo Box (open)"));
    TabTest::typeAndSend(tab, QStringLiteral("hello"));
    QVERIFY(TabTest::findRow(tab->sessionLog(), Direction::Sent, "hello"));
    const LogEntry *echoed = TabTest::findRow(tab->sessionLog(), Direction::Received, "hello");
    QVERIFY(echoed);
    QCOMPARE(echoed->peer, Box);
    QCOMPARE(echoed->session, QStringLiteral("Echo Box"));
    auto *status = window->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Echo box open · received 1 (5 bytes)")),
                 qPrintable(status->text()));
}

void tst_SessionKinds::itsCommandLineOptionOpensIt()
{
    CommandLine commandLine(SessionKinds::commandLineOptions(withEchoBox()));
    QCOMPARE(commandLine.parse({ QStringLiteral("sockscope"), QStringLiteral("--echo-box"),
                                 QStringLiteral("7") }),
             CommandLine::Outcome::Run);
    QVERIFY(commandLine.helpText().contains(QStringLiteral("--echo-box [ADDR:]PORT")));
    QVERIFY(commandLine.helpText().contains(QStringLiteral("open the echo box")));
    QCOMPARE(commandLine.parse({ QStringLiteral("sockscope"), QStringLiteral("--echo-box"),
                                 QStringLiteral("70000") }),
             CommandLine::Outcome::Error);
    QVERIFY2(commandLine.errorMessage().startsWith(QStringLiteral("--echo-box: port")),
             qPrintable(commandLine.errorMessage()));

    QVERIFY(commandLine.parse({ QStringLiteral("sockscope"), QStringLiteral("--echo-box"),
                                QStringLiteral("7") })
            == CommandLine::Outcome::Run);
    const auto window = showWindow(commandLine.options());
    auto *tab = window->firstTab<EchoBoxTab>(QStringLiteral("echoBox"));
    QVERIFY(tab->session()->isOpen());
    QCOMPARE(window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->currentWidget(), tab);
}

void tst_SessionKinds::itsSettingsComeBack()
{
    {
        const auto window = showWindow();
        auto *tab = window->firstTab<EchoBoxTab>(QStringLiteral("echoBox"));
        tab->session()->open();
        QTest::keyClick(window.get(), Qt::Key_9, Qt::ControlModifier);
        TabTest::setText(TabTest::child<QLineEdit>(tab, "labelEdit"), QStringLiteral("mine"));
        TabTest::typeAndSend(tab, QStringLiteral("remember me"));
        QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(tab->logView()->isChatView());
        window->close();
    }
    // Under the kind's own settings group, beside the built-in kinds'.
    QSettings raw;
    QCOMPARE(raw.value(QStringLiteral("log/echoBoxGroup/chatView")).toBool(), true);
    QCOMPARE(raw.value(QStringLiteral("composer/echoBoxGroup/history")).toStringList(),
             QStringList { QStringLiteral("remember me") });
    QCOMPARE(raw.value(QStringLiteral("echoBoxGroup/label")).toString(), QStringLiteral("mine"));
    QVERIFY(!raw.value(QStringLiteral("log/udp/chatView")).toBool());

    const auto again = showWindow();
    auto *tab = again->firstTab<EchoBoxTab>(QStringLiteral("echoBox"));
    QVERIFY(tab->logView()->isChatView());
    QCOMPARE(TabTest::child<QLineEdit>(tab, "labelEdit")->text(), QStringLiteral("mine"));
    QVERIFY(!again->firstTab(QStringLiteral("udp"))->logView()->isChatView());
}

// Tab walks down the tab as it reads: the kind's controls, then the composer, then the log.
void tst_SessionKinds::tabGoesFromItsControlsToTheComposer()
{
    const auto window = showWindow();
    SessionTab *tab = window->firstTab(QStringLiteral("echoBox"));
    QStringList order;
    for (QWidget *w = tab->nextInFocusChain(); w != tab; w = w->nextInFocusChain()) {
        if (tab->isAncestorOf(w) && !w->objectName().isEmpty())
            order << w->objectName();
    }
    const qsizetype label = order.indexOf(QStringLiteral("labelEdit"));
    const qsizetype input = order.indexOf(QStringLiteral("inputEdit"));
    const qsizetype filter = order.indexOf(QStringLiteral("filterEdit"));
    QVERIFY2(label >= 0 && input > label && filter > input, qPrintable(order.join(u", ")));
}

QTEST_MAIN(tst_SessionKinds)
#include "tst_sessionkinds.moc"
