#include "net/faultspec.h"

#include <QCoreApplication>

#include <optional>

namespace {

// As QObject::tr(), in the context "FaultSpec".
QString tr(const char *text)
{
    return QCoreApplication::translate("FaultSpec", text);
}

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t';
}

// `text` from `from` to `to` without the spaces around it; `from` moves to its first character.
QStringView trimmed(QStringView text, qsizetype &from, qsizetype to)
{
    while (from < to && isSpace(text.at(from)))
        ++from;
    while (to > from && isSpace(text.at(to - 1)))
        --to;
    return text.sliced(from, to - from);
}

// Whole ASCII digits, at most `maxDigits` of them: "+5", " 5", "5.0" and "٥" are not numbers
// here, so that nothing stands for what was not meant.
std::optional<int> number(QStringView digits, int maxDigits)
{
    if (digits.isEmpty() || digits.size() > maxDigits)
        return std::nullopt;
    int value = 0;
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

class Parser
{
public:
    explicit Parser(QStringView text)
        : m_text(text)
    { }

    FaultSpecs::ParseResult run();

private:
    bool pair(qsizetype from, qsizetype to);
    bool percent(QStringView pairText, QStringView value, qsizetype at, int *out);
    bool delay(QStringView pairText, QStringView value, qsizetype at);
    bool fail(qsizetype at, const QString &message);

    QStringView m_text;
    FaultSpecs::ParseResult m_result;
    QStringList m_seen;
};

FaultSpecs::ParseResult Parser::run()
{
    qsizetype start = 0;
    const QStringView whole = trimmed(m_text, start, m_text.size());
    if (whole.isEmpty() || whole.compare(u"none", Qt::CaseInsensitive) == 0)
        return m_result;
    for (qsizetype from = 0; from <= m_text.size();) {
        qsizetype to = m_text.indexOf(u',', from);
        if (to < 0)
            to = m_text.size();
        if (!pair(from, to))
            return m_result;
        from = to + 1;
    }
    return m_result;
}

bool Parser::pair(qsizetype from, qsizetype to)
{
    qsizetype start = from;
    const QStringView pairText = trimmed(m_text, start, to);
    if (pairText.isEmpty())
        return fail(start, tr("an empty fault between commas; write key=value, e.g. drop=50"));
    const qsizetype equals = pairText.indexOf(u'=');
    if (equals < 0) {
        return fail(start + pairText.size(),
                    tr("%1: no value; write key=value, e.g. drop=50").arg(pairText.toString()));
    }
    qsizetype keyAt = start;
    const QString key = trimmed(m_text, keyAt, start + equals).toString().toLower();
    qsizetype valueAt = start + equals + 1;
    const QStringView value = trimmed(m_text, valueAt, start + pairText.size());
    const bool known
        = key == u"drop" || key == u"delay" || key == u"duplicate" || key == u"reorder";
    if (!known) {
        return fail(keyAt,
                    tr("%1: unknown fault \"%2\"; use drop, delay, duplicate or reorder")
                        .arg(pairText.toString(), key));
    }
    if (m_seen.contains(key))
        return fail(keyAt, tr("%1: %2 is given twice; give it once").arg(pairText.toString(), key));
    m_seen << key;
    FaultSpec &spec = m_result.spec;
    if (key == u"delay")
        return delay(pairText, value, valueAt);
    int *target = key == u"drop" ? &spec.dropPercent
        : key == u"duplicate"    ? &spec.duplicatePercent
                                 : &spec.reorderPercent;
    return percent(pairText, value, valueAt, target);
}

bool Parser::percent(QStringView pairText, QStringView value, qsizetype at, int *out)
{
    const QStringView digits = value.endsWith(u'%') ? value.chopped(1) : value;
    const std::optional<int> n = number(digits, 3);
    if (!n || *n > 100) {
        return fail(
            at,
            tr("%1: a percentage is 0 to 100, in digits, e.g. drop=50").arg(pairText.toString()));
    }
    *out = *n;
    return true;
}

bool Parser::delay(QStringView pairText, QStringView value, qsizetype at)
{
    const qsizetype dash = value.indexOf(u'-');
    const QStringView first = dash < 0 ? value : value.first(dash);
    const QStringView second = dash < 0 ? value : value.sliced(dash + 1);
    const std::optional<int> low = number(first, 5);
    const std::optional<int> high = number(second, 5);
    const int max = FaultSpec::MaxDelayMs;
    if (!low || !high || *low > max || *high > max) {
        return fail(at,
                    tr("%1: a delay is milliseconds from 0 to %2, or a range such as "
                       "delay=100-500")
                        .arg(pairText.toString(), QString::number(max)));
    }
    if (*low > *high) {
        return fail(at + dash + 1,
                    tr("%1: the range ends below its start; write the shorter "
                       "delay first, e.g. delay=100-500")
                        .arg(pairText.toString()));
    }
    m_result.spec.delayMinMs = *low;
    m_result.spec.delayMaxMs = *high;
    return true;
}

bool Parser::fail(qsizetype at, const QString &message)
{
    m_result.spec = {};
    m_result.error = message;
    m_result.errorPosition = at;
    return false;
}

} // namespace

namespace FaultSpecs {

ParseResult parse(QStringView text)
{
    return Parser(text).run();
}

QString toText(const FaultSpec &spec)
{
    QStringList pairs;
    if (spec.dropPercent > 0)
        pairs << QStringLiteral("drop=%1").arg(spec.dropPercent);
    if (spec.hasRandomDelay())
        pairs << QStringLiteral("delay=%1-%2").arg(spec.delayMinMs).arg(spec.delayMaxMs);
    else if (spec.delayMaxMs > 0)
        pairs << QStringLiteral("delay=%1").arg(spec.delayMaxMs);
    if (spec.duplicatePercent > 0)
        pairs << QStringLiteral("duplicate=%1").arg(spec.duplicatePercent);
    if (spec.reorderPercent > 0)
        pairs << QStringLiteral("reorder=%1").arg(spec.reorderPercent);
    return pairs.join(u',');
}

QString inWords(const FaultSpec &spec)
{
    QStringList words;
    if (spec.dropPercent > 0)
        words << tr("drop %1%").arg(spec.dropPercent);
    if (spec.hasRandomDelay())
        words << tr("delay %1–%2 ms").arg(spec.delayMinMs).arg(spec.delayMaxMs);
    else if (spec.delayMaxMs > 0)
        words << tr("delay %1 ms").arg(spec.delayMaxMs);
    if (spec.duplicatePercent > 0)
        words << tr("duplicate %1%").arg(spec.duplicatePercent);
    if (spec.reorderPercent > 0)
        words << tr("reorder %1%").arg(spec.reorderPercent);
    return words.join(QStringLiteral(", "));
}

} // namespace FaultSpecs
