#pragma once

#include <QString>

class QComboBox;

// Editable combo boxes whose items carry a value (an address) behind a label ("Any (IPv4 and
// IPv6)"): the value of the chosen item, or what the user typed.
QString comboValue(const QComboBox *combo);
void setComboValue(QComboBox *combo, const QString &value);
