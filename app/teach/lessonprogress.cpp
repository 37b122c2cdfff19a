#include "teach/lessonprogress.h"

#include "net/session.h"
#include "teach/pythonsyntax.h"

#include <QLocale>
#include <QMetaEnum>

LessonProgress::LessonProgress(const Lesson &lesson, Session *session, QObject *parent)
    : QObject(parent)
    , m_lesson(lesson)
{
    connectTo(session);
}

LessonProgress::~LessonProgress() = default;

void LessonProgress::connectTo(Session *session)
{
    using On = Lesson::Condition::On;
    connect(session, &Session::stateChanged, this, [this, session](Session::State state) {
        see({ On::State, QString::fromLatin1(QMetaEnum::fromType<Session::State>().valueToKey(
                                 int(state))),
              {}, 0, false, session->localEndpoint(), session->peerEndpoint() });
    });
    connect(session, &Session::received, this,
            [this](const QByteArray &bytes, const Endpoint &local, const Endpoint &peer,
                   const QDateTime &, const QString &, qsizetype arrived) {
                see({ On::Received, {}, {}, arrived > 0 ? arrived : bytes.size(), arrived > 0,
                      local, peer });
            });
    connect(session, &Session::sent, this,
            [this](const QByteArray &bytes, const Endpoint &local, const Endpoint &peer) {
                see({ On::Sent, {}, {}, bytes.size(), false, local, peer });
            });
    connect(session, &Session::errorOccurred, this,
            [this](QAbstractSocket::SocketError error, const QString &message,
                   const Endpoint &local, const Endpoint &peer) {
                const char *key =
                        QMetaEnum::fromType<QAbstractSocket::SocketError>().valueToKey(error);
                see({ On::Error, QString::fromLatin1(key), message, 0, false, local, peer });
            });
    connect(session, &Session::readingPausedChanged, this,
            [this](bool paused, qint64 unread, const Endpoint &local, const Endpoint &peer) {
                see({ paused ? On::Paused : On::Resumed, {}, {}, unread, false, local, peer });
            });
    connect(session, &Session::called, this,
            [this](const QString &call, int, const Endpoint &local, const Endpoint &peer) {
                see({ On::Call, {}, call, 0, false, local, peer });
            });
}

void LessonProgress::see(const Fact &fact)
{
    if (isFinished())
        return;
    const Lesson::Step &step = m_lesson.steps.at(currentStep());
    if (!meets(step.when, fact))
        return;
    const QString done = filledIn(step.done, fact);
    m_done << done;
    m_bytesThisStep = 0;
    Q_EMIT stepDone(currentStep() - 1, done);
    if (isFinished())
        Q_EMIT finished();
}

bool LessonProgress::meets(const Lesson::Condition &condition, const Fact &fact)
{
    using On = Lesson::Condition::On;
    if (condition.on != fact.on)
        return false;
    switch (fact.on) {
    case On::State:
        return fact.key == condition.state;
    case On::Received:
    case On::Sent:
        m_bytesThisStep += fact.bytes;
        return (!condition.cut || fact.cut) && m_bytesThisStep >= condition.totalBytes;
    case On::Error:
        if (!condition.error.isEmpty() && fact.key != condition.error)
            return false;
        return condition.match.pattern().isEmpty() || condition.match.match(fact.line).hasMatch();
    case On::Call:
        return condition.match.pattern().isEmpty() || condition.match.match(fact.line).hasMatch();
    case On::Paused:
    case On::Resumed:
        return true;
    }
    return false;
}

// {peer} is the peer as Python writes it, ('127.0.0.1', 55170); {local} the socket's own
// endpoint; {bytes} the bytes of the fact (or of the step, for a total; what waited unread, for
// a pause or a resume); {line} a call's line or an error's words.
QString LessonProgress::filledIn(const QString &text, const Fact &fact) const
{
    QString out = text;
    out.replace(QLatin1String("{peer}"),
                fact.peer.isNull() ? QString() : PythonSyntax::address(fact.peer));
    out.replace(QLatin1String("{local}"), fact.local.toString());
    out.replace(QLatin1String("{bytes}"),
                QLocale().toString(std::max(fact.bytes, m_bytesThisStep)));
    out.replace(QLatin1String("{line}"), fact.line);
    return out;
}
