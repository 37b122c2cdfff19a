#pragma once

#include "net/endpoint.h"
#include "teach/lesson.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class Session;

// Where a student is in a lesson: it watches the facts the tab's session states and ticks the
// current step off when its condition happens, with the step's "done" words filled in from
// the fact ("✓ a datagram arrived from ('127.0.0.1', 55170)").
class LessonProgress final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LessonProgress)

public:
    LessonProgress(const Lesson &lesson, Session *session, QObject *parent = nullptr);
    ~LessonProgress() override;

    const Lesson &lesson() const { return m_lesson; }
    // The step to do now; steps().size() once every one is done.
    int currentStep() const { return int(m_done.size()); }
    bool isFinished() const { return currentStep() == m_lesson.steps.size(); }
    // The "done" words of the steps done so far, filled in.
    QStringList doneTexts() const { return m_done; }

Q_SIGNALS:
    void stepDone(int step, const QString &doneText);
    void finished();

private:
    // A fact of the session, as a step's condition sees it.
    struct Fact
    {
        Lesson::Condition::On on = Lesson::Condition::On::Received;
        QString key; // a state's or an error's key
        QString line; // a call's line, an error's words
        qint64 bytes = 0;
        bool cut = false;
        Endpoint local;
        Endpoint peer;
    };
    void connectTo(Session *session);
    void see(const Fact &fact);
    bool meets(const Lesson::Condition &condition, const Fact &fact);
    QString filledIn(const QString &text, const Fact &fact) const;

    Lesson m_lesson;
    QStringList m_done;
    qint64 m_bytesThisStep = 0;
};
