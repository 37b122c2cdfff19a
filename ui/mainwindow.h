#pragma once

#include "recorder.h"
#include "settings.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;
class SessionTab;
class UdpTab;
struct LaunchOptions;

// Builds the window: menus, the session tabs and the status bar, and wires them together.
// Everything protocol-specific lives in the tabs.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(const LaunchOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    Recorder *recorder() { return &m_recorder; }
    UdpTab *udpTab() const { return m_udpTab; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void addSessionTab(SessionTab *tab, const QString &title, const QKeySequence &shortcut);
    SessionTab *currentTab() const;
    void showTab(SessionTab *tab);
    void chooseRecordingFile();
    void startRecording(const QString &path);
    void updateStatus();
    void updateRecordingStatus();
    void showAbout();

    Settings m_settings;
    Recorder m_recorder;
    QTabWidget *m_tabs;
    UdpTab *m_udpTab = nullptr;
    QLabel *m_statusLabel;
    QLabel *m_recordingLabel;
    QAction *m_stopRecordingAction = nullptr;
    QMenu *m_sessionsMenu = nullptr;
};
