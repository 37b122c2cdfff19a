#pragma once

#include <QExplicitlySharedDataPointer>
#include <QSharedData>
#include <QString>

// A peer's name as a log row keeps it ("user4"; empty where peers have no names): one pointer,
// shared by the rows of the peer (SessionLog hands the same one on). A row is kept in blocks
// of a few: 8 bytes here instead of a QString's 24 let four rows fit in a block, not three.
class PeerName
{
public:
    PeerName() = default;
    PeerName(const QString &name) { *this = name; } // NOLINT: a name reads as one

    PeerName &operator=(const QString &name)
    {
        if (name.isEmpty())
            m_data.reset();
        else if (!m_data || m_data->text != name)
            m_data = new Data { {}, name };
        return *this;
    }

    const QString &text() const { return m_data ? m_data->text : none(); }
    operator const QString &() const { return text(); } // NOLINT: where a QString is asked for
    bool isEmpty() const { return !m_data; }
    void clear() { m_data.reset(); }

private:
    struct Data : QSharedData
    {
        QString text;
    };
    static const QString &none()
    {
        static const QString empty;
        return empty;
    }

    QExplicitlySharedDataPointer<Data> m_data;
};
