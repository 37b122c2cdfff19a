#pragma once

// The English forms of every text that counts ("%n rows": "1 row", "2 rows"). Qt chooses the
// form a count takes from a translation, English included; translations/sockscope_en.ts holds
// them (translations/plural_forms.py keeps it complete) and the core carries them compiled.
namespace PluralForms {

// Installs them in the application, once; a translation installed later (another language)
// takes precedence. False if they could not be loaded. Needs a QCoreApplication.
bool install();

} // namespace PluralForms
