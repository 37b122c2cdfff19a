#pragma once

#include "text/payloadcodec.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class EmptyHint;
class LogFilterModel;
class QAbstractItemView;
class SessionLog;

namespace Ui {
class LogView;
}

// A session's live log: filter bar, table, detail pane and a footer that says how many rows
// there are and how many the cap evicted. Follows new rows while the user is at the bottom.
// The same rows can be shown as a chat transcript or a sequence diagram instead of the table;
// the three views share the filter, the selection and the detail pane.
class LogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    // How often the footer follows rows that come and go, at most.
    static constexpr int FooterIntervalMs = 250;
    // During a flood the view paints at most once in this long, however often rows come.
    static constexpr int FloodFrameMs = 100;

    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    void setSessionLog(SessionLog *log);
    // What to do next, in the middle of the table and the chat while the log has no rows
    // (after setSessionLog()); "" shows nothing.
    void setEmptyHint(const QString &text);
    LogFilterModel *filterModel() const { return m_filter; }

    void clear();
    void copySelection() const;
    void focusFilter();
    bool isFollowing() const;

    // Which view shows the rows: the table, unless the chat or the diagram is chosen. Choosing
    // one off shows the table.
    bool isChatView() const;
    void setChatView(bool chat);
    bool isDiagramView() const;
    void setDiagramView(bool diagram);
    // Asks where to, starting in `folder`, and writes the rows the diagram shows as SVG or PNG;
    // the log says how it went. Only while the diagram is shown. Returns the folder of the file
    // chosen (for the next export to start in), or "" when none was.
    QString exportDiagram(const QString &folder);

    // The Calls switch: whether the session shows its socket calls (Session::statesCalls()).
    bool showsSocketCalls() const;
    void setShowsSocketCalls(bool shown);

    // How payloads show in the Data column, the chat and the detail pane, and the encoding the
    // session's recording writes its text in.
    PayloadCodec::DisplayFormat displayFormat() const;
    void setDisplayFormat(const PayloadCodec::DisplayFormat &format);

Q_SIGNALS:
    void chatViewChanged(bool chat);
    void diagramViewChanged(bool diagram);
    void socketCallsShownChanged(bool shown);
    void displayFormatChanged(const PayloadCodec::DisplayFormat &format);

private:
    void setUpFilter();
    void setUpTable();
    void setUpChat();
    void setUpDiagram();
    void showView(QAbstractItemView *view);
    void connectView(QAbstractItemView *view);
    QAbstractItemView *activeView() const;
    void applyFilter();
    void applyDisplayFormat();
    void setFollowing(bool following);
    void scrollChanged(QAbstractItemView *view, int value);
    void showCurrent();
    void updateFooter();
    void rowsArrived();

    std::unique_ptr<Ui::LogView> m_ui;
    SessionLog *m_log = nullptr;
    LogFilterModel *m_filter;
    QString m_filterError;
    EmptyHint *m_tableHint = nullptr;
    EmptyHint *m_chatHint = nullptr;
    EmptyHint *m_diagramHint = nullptr;
    QTimer m_footerTimer;
    QTimer m_floodFrame; // while it runs, the active view does not paint
};
