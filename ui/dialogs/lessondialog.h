#pragma once

#include "teach/lesson.h"

#include <QDialog>
#include <QList>
#include <QPointer>

#include <functional>

class LessonProgress;
class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class SessionTab;

// Help → Lessons: the classic exercises as guided steps. It sets up the tab a lesson uses
// (asking first when that tab is in use), shows the steps and the program to run at the other
// end, and ticks each step off when the tab's session sees it happen (LessonProgress). Not
// modal: it stays beside the window while the student works in it.
class LessonDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LessonDialog)

public:
    // `tabOf` gives the first tab of a kind and shows it.
    using TabOf = std::function<SessionTab *(const QString &kind)>;
    explicit LessonDialog(TabOf tabOf, QWidget *parent = nullptr);
    ~LessonDialog() override;

    // Starts the lesson `name`: false when there is none, or the user kept the tab as it was.
    bool start(const QString &name);
    LessonProgress *progress() const { return m_progress; }
    SessionTab *tab() const { return m_tab; }
    // The program to run at the other end, as shown.
    QString program() const;

private:
    void build();
    bool mayChange(SessionTab *tab, const Lesson &lesson);
    void showSteps();
    void showProgram();
    void copyProgram();
    void saveProgram();
    QString filled(const QString &text) const;

    TabOf m_tabOf;
    QList<Lesson> m_lessons;
    QPointer<SessionTab> m_tab;
    LessonProgress *m_progress = nullptr;
    quint16 m_port = 0;
    QMetaObject::Connection m_following;
    QComboBox *m_lessonCombo = nullptr;
    QLabel *m_introLabel = nullptr;
    QListWidget *m_stepList = nullptr;
    QLabel *m_whyLabel = nullptr;
    QPlainTextEdit *m_programView = nullptr;
};
