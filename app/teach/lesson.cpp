#include "teach/lesson.h"

#include "text/enumkeys.h"

#include <QAbstractSocket>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaEnum>

Q_LOGGING_CATEGORY(lcLesson, "sockscope.lesson", QtInfoMsg)

namespace {

std::optional<Lesson::Condition::On> conditionOn(const QString &word)
{
    using On = Lesson::Condition::On;
    static const QList<std::pair<QString, On>> words {
        { QStringLiteral("state"), On::State }, { QStringLiteral("recv"), On::Received },
        { QStringLiteral("send"), On::Sent },   { QStringLiteral("error"), On::Error },
        { QStringLiteral("call"), On::Call },   { QStringLiteral("paused"), On::Paused },
        { QStringLiteral("resumed"), On::Resumed },
    };
    for (const auto &[key, on] : words) {
        if (key == word)
            return on;
    }
    return std::nullopt;
}

bool isEnumKey(const QMetaEnum &meta, const QString &key)
{
    bool ok = false;
    meta.keyToValue(key.toLatin1().constData(), &ok);
    return ok;
}

// A step's "when"; empty `error` when it is one.
Lesson::Condition condition(const QJsonObject &when, QString *error)
{
    Lesson::Condition c;
    const std::optional<Lesson::Condition::On> on = conditionOn(when.value(u"on").toString());
    if (!on) {
        *error = QStringLiteral("\"on\" is not state, recv, send, error, call, paused or "
                                "resumed");
        return c;
    }
    c.on = *on;
    c.state = when.value(u"state").toString();
    c.error = when.value(u"error").toString();
    c.totalBytes = when.value(u"totalBytes").toInteger();
    c.cut = when.value(u"cut").toBool();
    if (when.contains(u"match")) {
        c.match = QRegularExpression(when.value(u"match").toString());
        if (!c.match.isValid())
            *error = QStringLiteral("\"match\": ") + c.match.errorString();
    }
    if (c.on == Lesson::Condition::On::State && !Lesson::stateKeys().contains(c.state))
        *error = QStringLiteral("\"state\" is not a state of a session: ") + c.state;
    if (c.on == Lesson::Condition::On::Error && !c.error.isEmpty()
        && !isEnumKey(QMetaEnum::fromType<QAbstractSocket::SocketError>(), c.error))
        *error = QStringLiteral("\"error\" is not a QAbstractSocket::SocketError: ") + c.error;
    return c;
}

} // namespace

QStringList Lesson::stateKeys()
{
    // Session::State's keys (tst_lessons checks that they agree), without Session: the
    // command line's fuzz target builds this file alone.
    return { QStringLiteral("Closed"),    QStringLiteral("LookingUp"), QStringLiteral("Connecting"),
             QStringLiteral("Connected"), QStringLiteral("Bound"),     QStringLiteral("Listening"),
             QStringLiteral("Closing") };
}

std::optional<Lesson> Lesson::fromJson(const QByteArray &json, const QString &name,
                                       QString *error)
{
    QJsonParseError parse;
    const QJsonObject o = QJsonDocument::fromJson(json, &parse).object();
    if (parse.error != QJsonParseError::NoError) {
        *error = parse.errorString() + QStringLiteral(" at byte ") + QString::number(parse.offset);
        return std::nullopt;
    }
    Lesson lesson;
    lesson.name = name;
    lesson.title = o.value(u"title").toString();
    lesson.intro = o.value(u"intro").toString();
    lesson.tab = o.value(u"tab").toString();
    lesson.port = quint16(o.value(u"port").toInt());
    const std::optional<AutoReply> autoReply =
            EnumKeys::find<AutoReply>(o.value(u"autoReply").toString(QStringLiteral("none")));
    if (!autoReply) {
        *error = QStringLiteral("\"autoReply\" is not none, echo, timestamp or relay");
        return std::nullopt;
    }
    lesson.autoReply = *autoReply;
    lesson.readLimit = o.value(u"readLimit").toInteger();
    lesson.destination = o.value(u"destination").toBool();
    const FaultSpecs::ParseResult fault = FaultSpecs::parse(o.value(u"fault").toString());
    if (!fault.isValid()) {
        *error = QStringLiteral("\"fault\": ") + fault.error;
        return std::nullopt;
    }
    lesson.fault = fault.spec;
    lesson.program = o.value(u"program").toString();
    lesson.programFile = o.value(u"programFile").toString();
    const QJsonArray steps = o.value(u"steps").toArray();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject s = steps.at(i).toObject();
        QString why;
        Step step { s.value(u"do").toString(), s.value(u"why").toString(),
                    s.value(u"done").toString(), condition(s.value(u"when").toObject(), &why),
                    {} };
        const QJsonValue actions = s.value(u"action");
        if (actions.isArray()) {
            for (const QJsonValue &action : actions.toArray())
                step.actions << action.toString();
        } else {
            step.actions << actions.toString(QStringLiteral("wait"));
        }
        if (!why.isEmpty()) {
            *error = QStringLiteral("step %1: %2").arg(i + 1).arg(why);
            return std::nullopt;
        }
        lesson.steps << step;
    }
    const QStringList kinds { QStringLiteral("udp"), QStringLiteral("tcpClient"),
                              QStringLiteral("tcpServer") };
    if (lesson.title.isEmpty() || lesson.steps.isEmpty() || !kinds.contains(lesson.tab)
        || lesson.program.isEmpty()) {
        *error = QStringLiteral("a lesson needs a title, a tab (udp, tcpClient or tcpServer), "
                                "a program and steps");
        return std::nullopt;
    }
    return lesson;
}

QString Lesson::ownProgram(quint16 tabPort) const
{
    if (usesCodePanelProgram())
        return {};
    QString text = program;
    return text.replace(QLatin1String("{port}"), QString::number(tabPort));
}

namespace Lessons {

QList<Lesson> builtIn()
{
    QList<Lesson> lessons;
    const QDir folder(QStringLiteral(":/lessons"));
    const QStringList files = folder.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        QFile f(folder.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        // "01-udp-receiver.json" is the lesson "udp-receiver".
        const QString name = file.section(u'.', 0, 0).section(u'-', 1);
        QString error;
        if (std::optional<Lesson> lesson = Lesson::fromJson(f.readAll(), name, &error))
            lessons << *lesson;
        else
            qCWarning(lcLesson, "lesson %s: %s", qUtf8Printable(file), qUtf8Printable(error));
    }
    return lessons;
}

std::optional<Lesson> find(const QString &name)
{
    for (const Lesson &lesson : builtIn()) {
        if (lesson.name == name)
            return lesson;
    }
    return std::nullopt;
}

QString list()
{
    QString text;
    for (const Lesson &lesson : builtIn())
        text += lesson.name.leftJustified(24) + lesson.title + u'\n';
    return text;
}

} // namespace Lessons
