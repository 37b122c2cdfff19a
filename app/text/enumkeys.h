#pragma once

#include <QAnyStringView>
#include <QLatin1StringView>

#include <optional>

// The words an enum is written with wherever it leaves the program: settings, the command line,
// the recording, and the item data of a combo box (never its index, which a reordered form
// would silently change).
//
// Beside each enum stands one table of its values and their keys, a function named enumKeys()
// that takes the enum (only for its type) and is found by argument-dependent lookup:
//
//   enum class AutoReply { None, Echo, Timestamp, Relay };
//   constexpr std::array<EnumKey<AutoReply>, 4> enumKeys(AutoReply)
//   {
//       return { { { AutoReply::None, "none" }, { AutoReply::Echo, "echo" }, … } };
//   }
//
// (a friend function inside the class for an enum nested in one). The first row is the default:
// EnumKeys::fromKey() gives it for a key that is not in the table, the same way everywhere.
// Keys match without regard to ASCII case.
template<typename Enum>
struct EnumKey
{
    Enum value;
    const char *key;
};

namespace EnumKeys {

template<typename Enum>
QLatin1StringView key(Enum value)
{
    for (const EnumKey<Enum> &row : enumKeys(Enum {})) {
        if (row.value == value)
            return QLatin1StringView(row.key);
    }
    return {};
}

// The value whose key is `key`, or nothing: for input that must name a value (the command line).
template<typename Enum>
std::optional<Enum> find(QAnyStringView key)
{
    for (const EnumKey<Enum> &row : enumKeys(Enum {})) {
        if (QAnyStringView::compare(key, QLatin1StringView(row.key), Qt::CaseInsensitive) == 0)
            return row.value;
    }
    return std::nullopt;
}

// The value whose key is `key`, or the table's first value: for what was stored earlier, which
// an older or newer version may have written differently.
template<typename Enum>
Enum fromKey(QAnyStringView key)
{
    return find<Enum>(key).value_or(enumKeys(Enum {}).front().value);
}

} // namespace EnumKeys
