#include "net/hostlookup.h"

#include <QHostInfo>

HostLookup::HostLookup(QObject *parent)
    : QObject(parent)
{
}

HostLookup::~HostLookup() = default;

void HostLookup::lookUp(const QString &name)
{
    abort();
    m_name = name;
    m_clock.start();
    m_id = QHostInfo::lookupHost(name, this, &HostLookup::finished);
}

// Forgets the lookup under way: its answer, when it comes, is not this lookup's and is dropped
// in finished(). (QHostInfo::abortHostLookup() would stop it sooner, but Qt 6.4 then never frees
// the callback it holds for it: LeakSanitizer finds one per abort.)
void HostLookup::abort()
{
    m_id = -1;
}

void HostLookup::finished(const QHostInfo &info)
{
    if (info.lookupId() != m_id)
        return; // an answer to a lookup that was cancelled (m_id is -1 then, or another's)
    m_id = -1;
    if (info.error() != QHostInfo::NoError) {
        Q_EMIT failed(m_name, info.errorString());
        return;
    }
    if (info.addresses().isEmpty()) {
        Q_EMIT failed(m_name, tr("the name has no address"));
        return;
    }
    Q_EMIT found(m_name, info.addresses(), m_clock.elapsed());
}
