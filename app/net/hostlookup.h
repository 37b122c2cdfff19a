#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

class QHostInfo;

// Looks a host name up in the background, one name at a time: a new lookUp() or abort() cancels
// the lookup under way, and the end of this object drops its answer (QHostInfo delivers to a
// live context only), so an answer never reaches a session that has moved on. Every session that takes a host name owns one per purpose.
class HostLookup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostLookup)

public:
    explicit HostLookup(QObject *parent = nullptr);
    ~HostLookup() override;

    void lookUp(const QString &name);
    void abort();
    bool isActive() const { return m_id >= 0; }
    QString name() const { return m_name; }

Q_SIGNALS:
    // The addresses of `name` in the resolver's order (never empty); `elapsedMs`: how long it took.
    void found(const QString &name, const QList<QHostAddress> &addresses, qint64 elapsedMs);
    // `reason` is the resolver's own words, e.g. "Host not found".
    void failed(const QString &name, const QString &reason);

private:
    void finished(const QHostInfo &info);

    int m_id = -1;
    QString m_name;
    QElapsedTimer m_clock;
};
