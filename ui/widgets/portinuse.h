#pragma once

#include <QtGlobal>

class QSpinBox;

// A port field that, while its socket is open, shows the port in use (the one the system chose
// for 0, or for a send that bound a port), and afterwards the port the user asked for again.
// Disabled while open, the field then never says one port while the socket has another.
class PortInUse
{
public:
    explicit PortInUse(QSpinBox *field)
        : m_field(field)
    {
    }

    // The socket is open on `port`: the field shows it.
    void show(quint16 port);
    // The socket closed: the field shows the port asked for again.
    void release();
    // What the user asked for (what Start binds and the settings keep), whatever is shown.
    int asked() const;

private:
    QSpinBox *m_field;
    int m_asked = 0;
    bool m_showing = false;
};
