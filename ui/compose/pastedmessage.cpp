#include "compose/pastedmessage.h"

#include <QtConcurrent/QtConcurrentRun>

PastedMessage::PastedMessage(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_watcher.isCanceled() || !m_checking)
            return;
        m_result = m_watcher.result();
        m_checking = false;
        Q_EMIT checked();
    });
}

PastedMessage::~PastedMessage()
{
    // Its result would have nobody to go to; the pool finishes the work on its own.
    m_watcher.disconnect(this);
}

void PastedMessage::set(const QString &text, PayloadCodec::InputMode mode, TextEncoding encoding)
{
    m_text = text;
    m_mode = mode;
    m_result = {};
    m_checking = true;
    m_watcher.setFuture(QtConcurrent::run([text, mode, encoding] {
        return PayloadCodec::parse(text, mode, encoding);
    }));
}

void PastedMessage::clear()
{
    m_watcher.setFuture({});
    m_text.clear();
    m_result = {};
    m_checking = false;
}
