#pragma once

#include "config/settings.h"
#include "teach/programtext.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class SessionTab;

// The Code panel (issue 15): the program of the other end, or of this end in Python or Qt
// C++, for the settings of one session tab, following them as they change. Copy and Save As…
// take it out; the program chosen is remembered. Not modal: it stays open beside the window
// and shows the tab that is current there.
class CodeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeDialog)

public:
    CodeDialog(Settings &settings, QWidget *parent = nullptr);
    ~CodeDialog() override;

    void setTab(SessionTab *tab);
    ProgramText::Program program() const;
    QString text() const;

private:
    QDialogButtonBox *buildLayout();
    void update();
    void scheduleUpdate();
    void copy();
    void saveAs();

    Settings &m_settings;
    QPointer<SessionTab> m_tab;
    QMetaObject::Connection m_following;
    QComboBox *m_programCombo;
    QLabel *m_aboutLabel;
    QPlainTextEdit *m_codeView;
    bool m_updateQueued = false;
};
