#pragma once

#include "log/logentry.h"
#include "text/enumkeys.h"
#include "text/textencoding.h"

#include <QSortFilterProxyModel>

#include <array>

class LogModel;

// Narrows a LogModel by direction, by text and by exact bytes. Rows are tested straight on
// the LogEntry values, never through data(), so filtering 100,000 rows stays cheap.
class LogFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterModel)

public:
    enum class Shown { All, Traffic, Received, Sent, Events, Errors, Calls };
    Q_ENUM(Shown)
    friend constexpr std::array<EnumKey<Shown>, 7> enumKeys(Shown)
    {
        return { { { Shown::All, "all" },
                   { Shown::Traffic, "traffic" },
                   { Shown::Received, "received" },
                   { Shown::Sent, "sent" },
                   { Shown::Events, "events" },
                   { Shown::Errors, "errors" },
                   { Shown::Calls, "calls" } } };
    }

    explicit LogFilterModel(QObject *parent = nullptr);

    void setLogModel(LogModel *model);
    LogModel *logModel() const { return m_log; }

    // Case-insensitive for ASCII letters; matches the payload's bytes as text in the log's
    // encoding (UTF-8 unless set), the message of events (and whom a relayed message went
    // to), and the peer's name and address:port.
    QString text() const { return m_text; }
    void setText(const QString &text);
    void setTextEncoding(TextEncoding encoding);

    // Rows whose payload contains these exact bytes; empty means no byte filter.
    QByteArray bytes() const { return m_bytes; }
    void setBytes(const QByteArray &bytes);

    Shown shown() const { return m_shown; }
    void setShown(Shown shown);

    // The chat transcript hides framed messages: their bytes are already in the chunks.
    bool framedMessagesHidden() const { return m_framedMessagesHidden; }
    void setFramedMessagesHidden(bool hidden);

    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool acceptsDirection(Direction direction) const;
    bool matchesText(const LogEntry &entry) const;

    LogModel *m_log = nullptr;
    void encodeText();

    // The filter's text as bytes to look for in payloads, ASCII letters in either case.
    struct Needle
    {
        Needle() = default;
        Needle(const QString &text, TextEncoding encoding);
        bool isIn(QByteArrayView haystack) const;

        QByteArray bytes; // in the log's encoding; ASCII letters in lower case
        QByteArray folds; // per byte: 1 where it is an ASCII character of the text
        std::array<int, 256> skip {}; // how far a mismatch under each byte moves

    private:
        bool matchesAt(const char *data, qsizetype k) const;
    };

    QString m_text;
    TextEncoding m_encoding = TextEncoding::Utf8;
    Needle m_needle;
    QByteArray m_bytes;
    Shown m_shown = Shown::All;
    bool m_framedMessagesHidden = false;
};
