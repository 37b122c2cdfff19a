#include "widgets/portinuse.h"

#include <QSignalBlocker>
#include <QSpinBox>

void PortInUse::show(quint16 port)
{
    if (!m_showing) {
        m_asked = m_field->value();
        m_showing = true;
    }
    const QSignalBlocker blocker(m_field); // not the user's choice
    m_field->setValue(port);
}

void PortInUse::release()
{
    if (!m_showing)
        return;
    m_showing = false;
    const QSignalBlocker blocker(m_field);
    m_field->setValue(m_asked);
}

int PortInUse::asked() const
{
    return m_showing ? m_asked : m_field->value();
}
