#pragma once

#include "config/settings.h"
#include "log/recorder.h"
#include "tabs/sessionkinds.h"

#include <QHash>
#include <QMainWindow>

#include <vector>

class CodeDialog;
class LessonDialog;
class LogSaveControl;
class QLabel;
class QTabWidget;
class RecordingControl;
class SessionCloser;
class SessionTab;
struct LaunchOptions;

// Builds the window: menus, the session tabs and the status bar, and wires them together.
// It knows the kinds of session only through their registry rows (SessionKinds); everything
// protocol-specific lives in the tabs.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // Help → Lessons: shows the lessons, and starts the lesson `name` if one is given.
    LessonDialog *showLessons(const QString &name = {});
    explicit MainWindow(const LaunchOptions &options,
                        const QList<SessionKind> &kinds = SessionKinds::builtIn(),
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    Recorder *recorder() { return &m_recorder; }
    // The first session of a kind (by its key), the one its shortcut selects; it stays open.
    SessionTab *firstTab(const QString &kindKey) const;
    template<typename Tab>
    Tab *firstTab(const QString &kindKey) const
    {
        return qobject_cast<Tab *>(firstTab(kindKey));
    }

    // Opens one more session of that kind in a new tab, and shows it.
    SessionTab *openSession(const QString &kindKey);
    // As the user closes a tab: asks first if its session still sends (SessionCloser).
    void closeSession(int index);
    // Quits as SIGTERM or SIGINT asks: like closing the window, but transfers still under way
    // are cut off without a question.
    void terminate();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct Kind
    {
        SessionKind row;
        SessionTab *first = nullptr;
        int opened = 0; // sessions opened so far, to number new ones
    };

    void createMenus();
    void createLogMenu();
    void createSessionsMenu();
    void createKernelViewSwitch();
    void openFirstSessions();
    void restoreSessions();
    void saveOpenSessions();
    void launch(const LaunchOptions &options);
    template<typename Kinds>
    static auto find(Kinds &kinds, const QString &key) -> decltype(&kinds.front());
    SessionTab *createSession(Kind &kind, int number = 0);
    bool isFirstTab(const SessionTab *tab) const;
    SessionTab *currentTab() const;
    void showTab(SessionTab *tab);
    void updateStatus();
    void updateRecordingStatus();
    void showPreferences();
    // The Code panel, for the current tab (and the next current one, while it is open).
    void showCode();
    QList<SessionTab *> sessionTabs() const;

    Settings m_settings;
    Recorder m_recorder;
    std::vector<Kind> m_kinds; // in the order of their tabs
    QHash<const SessionTab *, Settings::OpenSession> m_extraSessions; // every tab but the first
    QTabWidget *m_tabs;
    QLabel *m_statusLabel;
    QLabel *m_recordingLabel;
    QAction *m_stopRecordingAction = nullptr;
    QAction *m_closeSessionAction = nullptr;
    QAction *m_chatViewAction = nullptr;
    QAction *m_diagramViewAction = nullptr;
    QAction *m_exportDiagramAction = nullptr;
    QAction *m_socketCallsAction = nullptr;
    QAction *m_kernelViewAction = nullptr;
    QMenu *m_sessionsMenu = nullptr;
    RecordingControl *m_recording;
    SessionCloser *m_closer;
    LogSaveControl *m_logSaver;
    CodeDialog *m_codeDialog = nullptr; // made when first asked for
    LessonDialog *m_lessonDialog = nullptr; // made when first asked for
    bool m_terminating = false;
};
