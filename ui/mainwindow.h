#pragma once

#include "recorder.h"
#include "settings.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;
class SessionTab;
class TcpClientTab;
class TcpServerTab;
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

    enum class Kind { Udp, TcpClient, TcpServer };

    Recorder *recorder() { return &m_recorder; }
    // The first session of each kind, the one Ctrl+1/2/3 selects.
    UdpTab *udpTab() const { return m_udpTab; }
    TcpClientTab *tcpClientTab() const { return m_tcpClientTab; }
    TcpServerTab *tcpServerTab() const { return m_tcpServerTab; }

    // Opens one more session of that kind in a new tab, and shows it.
    SessionTab *openSession(Kind kind);
    void closeSession(int index);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    static QString kindName(Kind kind); // "TCP Client": the first session's name
    SessionTab *createSession(Kind kind, const QString &name);
    void addSessionTab(SessionTab *tab);
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
    TcpClientTab *m_tcpClientTab = nullptr;
    TcpServerTab *m_tcpServerTab = nullptr;
    int m_sessionCount[3] = { 1, 1, 1 }; // sessions opened per Kind, to number new ones
    QLabel *m_statusLabel;
    QLabel *m_recordingLabel;
    QAction *m_stopRecordingAction = nullptr;
    QAction *m_closeSessionAction = nullptr;
    QAction *m_chatViewAction = nullptr;
    QMenu *m_sessionsMenu = nullptr;
};
