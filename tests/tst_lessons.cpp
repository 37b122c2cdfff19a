#include "dialogs/lessondialog.h"
#include "log/logview.h"
#include "mainwindow.h"
#include "net/session.h"
#include "net/tcpclientsession.h"
#include "net/tcpserversession.h"
#include "net/udpsession.h"
#include "tabs/sessiontab.h"
#include "tabtesthelpers.h"
#include "teach/lesson.h"
#include "teach/lessonprogress.h"

#include <QLabel>
#include <QListWidget>
#include <QMetaEnum>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int StepMs = 30000; // a noisy machine starts python3 slowly

// The button that opens a kind's session: Start, Listen or Connect.
const char *openButton(const QString &kind)
{
    if (kind == u"udp")
        return "startButton";
    return kind == u"tcpServer" ? "listenButton" : "connectButton";
}

} // namespace

// Every lesson, walked to its end as a student would: the actions its steps name, with the
// lesson's own program run by python3 at the other end, and each step ticked off by what the
// tab's session saw.
class tst_Lessons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void everyLessonIsWellFormed();
    void walksToTheEnd_data();
    void walksToTheEnd();
    void asksBeforeChangingATabInUse();
    void unknownLessonStartsNothing();
    void theUsersSettingsStayTheirs();

private:
    void act(const QString &action, SessionTab *tab, LessonDialog *dialog, bool waitForProgram);
    void runProgram(const QString &program, bool waitForItsFirstLine);
    void pressPause(SessionTab *tab);
    void waitForUnreadBytes(SessionTab *tab);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_program;
};

void tst_Lessons::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void tst_Lessons::cleanup()
{
    if (m_program && m_program->state() != QProcess::NotRunning) {
        QSignalSpy finished(m_program.get(), &QProcess::finished);
        m_program->kill();
        finished.wait(StepMs);
    }
    m_program.reset();
    QSettings().clear();
}

void tst_Lessons::everyLessonIsWellFormed()
{
    const QList<Lesson> lessons = Lessons::builtIn();
    QCOMPARE(lessons.size(), 12);
    QStringList names;
    for (const Lesson &lesson : lessons) {
        QVERIFY2(!names.contains(lesson.name), qPrintable(lesson.name));
        names << lesson.name;
        for (const Lesson::Step &step : lesson.steps) {
            QVERIFY2(!step.text.isEmpty() && !step.done.isEmpty() && !step.why.isEmpty(),
                     qPrintable(lesson.name));
        }
    }
    QVERIFY(Lessons::list().contains(u"udp-receiver"_s));
    const QMetaEnum states = QMetaEnum::fromType<Session::State>();
    QCOMPARE(Lesson::stateKeys().size(), states.keyCount());
    for (int i = 0; i < states.keyCount(); ++i)
        QVERIFY(Lesson::stateKeys().contains(QString::fromLatin1(states.key(i))));
    QString error;
    QVERIFY(!Lesson::fromJson(R"({"title":"x","tab":"udp","program":"other-end",
                                  "steps":[{"when":{"on":"state","state":"Flying"}}]})",
                              u"bad"_s, &error));
    QVERIFY2(error.contains(u"Flying"_s), qPrintable(error));
}

void tst_Lessons::walksToTheEnd_data()
{
    QTest::addColumn<QString>("name");
    for (const Lesson &lesson : Lessons::builtIn())
        QTest::newRow(qPrintable(lesson.name)) << lesson.name;
}

void tst_Lessons::walksToTheEnd()
{
    QFETCH(QString, name);
    MainWindow window(LaunchOptions {});
    window.show();
    LessonDialog *dialog = window.showLessons(name);
    QVERIFY(dialog->progress());
    SessionTab *tab = dialog->tab();
    QVERIFY(tab->logView()->showsSocketCalls());
    const Lesson lesson = dialog->progress()->lesson();
    // A lesson with faults on purpose draws them from a seeded generator: the same walk every
    // time (with seed 1 the first ping of udp-retry is dropped and a later one answered).
    auto *udp = qobject_cast<UdpSession *>(tab->baseSession());
    if (udp)
        udp->setFaultSeed(1);
    QCOMPARE(udp != nullptr && udp->faults().isActive(), lesson.fault.isActive());
    for (qsizetype i = 0; i < lesson.steps.size(); ++i) {
        const QStringList actions = lesson.steps.at(i).actions;
        // A step that asks the student to do something is not ticked before they did it.
        if (actions != QStringList { u"wait"_s }) {
            QVERIFY2(dialog->progress()->currentStep() == i,
                     qPrintable(u"step %1 ticked before its action: %2"_s.arg(
                         QString::number(i + 1), lesson.steps.at(i).text)));
        }
        for (qsizetype a = 0; a < actions.size(); ++a)
            act(actions.at(a), tab, dialog, a + 1 < actions.size());
        QTRY_VERIFY2_WITH_TIMEOUT(dialog->progress()->currentStep() > i,
                                  qPrintable(u"step %1 of %2: %3"_s.arg(i + 1)
                                                     .arg(lesson.steps.size())
                                                     .arg(lesson.steps.at(i).text)),
                                  StepMs);
    }
    QVERIFY(dialog->progress()->isFinished());
    auto *steps = TabTest::child<QListWidget>(dialog, "stepList");
    QCOMPARE(steps->count(), lesson.steps.size());
    QVERIFY2(steps->item(0)->text().contains(u'✓'), qPrintable(steps->item(0)->text()));
    QVERIFY(TabTest::child<QLabel>(dialog, "whyLabel")->text().contains(u"Lesson complete"_s));
}

void tst_Lessons::act(const QString &action, SessionTab *tab, LessonDialog *dialog,
                      bool waitForProgram)
{
    if (action == u"open") {
        auto *button = TabTest::child<QPushButton>(tab, openButton(dialog->progress()->lesson().tab));
        QTRY_VERIFY(button->isEnabled());
        button->click();
    } else if (action == u"run") {
        runProgram(dialog->program(), waitForProgram);
    } else if (action == u"stop") {
        QSignalSpy finished(m_program.get(), &QProcess::finished);
        m_program->terminate();
        QVERIFY(finished.wait(StepMs)); // the port is free once it has ended
    } else if (action == u"send") {
        TabTest::typeAndSend(tab, u"hello"_s);
    } else if (action == u"pause") {
        pressPause(tab);
    } else if (action == u"resume") {
        waitForUnreadBytes(tab);
        pressPause(tab);
    } else if (action == u"reply") {
        auto *input = TabTest::child<QPlainTextEdit>(tab, "inputEdit");
        input->setPlainText(u"yes, I am here"_s);
        TabTest::child<QPushButton>(tab, "replyButton")->click();
    } else {
        QCOMPARE(action, u"wait"_s);
    }
}

// Pause reading, or Resume: the client's button, or the server's for its first client.
void tst_Lessons::pressPause(SessionTab *tab)
{
    if (auto *clients = tab->findChild<QTableView *>(u"clientTable"_s)) {
        QTRY_VERIFY_WITH_TIMEOUT(clients->model()->rowCount() > 0, StepMs);
        clients->selectRow(0);
    }
    auto *button = TabTest::child<QPushButton>(tab, "pauseReadingButton");
    QTRY_VERIFY(button->isEnabled());
    button->click();
}

// A student resumes once the program's bytes wait unread: they are what the lesson shows.
void tst_Lessons::waitForUnreadBytes(SessionTab *tab)
{
    const auto unread = [tab]() -> qint64 {
        const TcpConnection *c = nullptr;
        if (auto *server = qobject_cast<TcpServerSession *>(tab->baseSession()))
            c = server->clients().value(0);
        else if (auto *client = qobject_cast<TcpClientSession *>(tab->baseSession()))
            c = client->connection();
        return c ? c->bytesWaiting() + c->bytesInReceiveQueue() : 0;
    };
#ifdef Q_OS_LINUX
    QTRY_VERIFY_WITH_TIMEOUT(unread() > 0, StepMs);
#else
    Q_UNUSED(unread);
#endif
}

// A program that serves (it listens or binds) says so on its first line: what follows waits
// for it.
void tst_Lessons::runProgram(const QString &program, bool waitForItsFirstLine)
{
    QVERIFY(!program.isEmpty());
    const QString path = m_dir.filePath(u"lesson.py"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(program.toUtf8());
    file.close();
    m_program = std::make_unique<QProcess>();
    m_program->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QSignalSpy printed(m_program.get(), &QProcess::readyReadStandardOutput);
    m_program->start(u"python3"_s, { u"-u"_s, path });
    QVERIFY2(m_program->waitForStarted(StepMs), qPrintable(m_program->errorString()));
    if (waitForItsFirstLine)
        QVERIFY2(printed.wait(StepMs), "the program said nothing");
}

// A tab that is open is the user's: the lesson asks, and Cancel keeps it as it was.
void tst_Lessons::asksBeforeChangingATabInUse()
{
    MainWindow window(LaunchOptions {});
    window.show();
    SessionTab *udp = window.firstTab(u"udp"_s);
    TabTest::child<QPushButton>(udp, "startButton")->click();
    QTRY_COMPARE(udp->baseSession()->state(), Session::State::Bound);
    const quint16 port = udp->baseSession()->localEndpoint().port;
    {
        TabTest::QuestionAnswerer keep("keepTabButton");
        QVERIFY(!window.showLessons()->start(u"udp-receiver"_s));
        QCOMPARE(keep.answered(), 1);
    }
    QCOMPARE(udp->baseSession()->state(), Session::State::Bound);
    QCOMPARE(udp->baseSession()->localEndpoint().port, port);
    TabTest::QuestionAnswerer setUp("setUpTabButton");
    QVERIFY(window.showLessons()->start(u"udp-receiver"_s));
    QCOMPARE(setUp.answered(), 1);
    QCOMPARE(udp->baseSession()->state(), Session::State::Closed);
}

void tst_Lessons::unknownLessonStartsNothing()
{
    MainWindow window(LaunchOptions {});
    QVERIFY(!window.showLessons()->start(u"no-such-lesson"_s));
    QVERIFY(!window.showLessons()->progress());
}

// A lesson's fields (Read at most 1,024 here) are not what the tab comes back with at the next
// start: that is what the user chose.
void tst_Lessons::theUsersSettingsStayTheirs()
{
    {
        MainWindow window(LaunchOptions {});
        QVERIFY(window.showLessons()->start(u"recvfrom-truncation"_s));
        QCOMPARE(TabTest::child<QSpinBox>(window.firstTab(u"udp"_s), "readLimitSpin")->value(),
                 1024);
        window.close();
    }
    MainWindow again(LaunchOptions {});
    QCOMPARE(TabTest::child<QSpinBox>(again.firstTab(u"udp"_s), "readLimitSpin")->value(), 0);
    QVERIFY(!again.firstTab(u"udp"_s)->logView()->showsSocketCalls());
}

QTEST_MAIN(tst_Lessons)
#include "tst_lessons.moc"
