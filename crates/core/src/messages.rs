//! The core's messages to people (errors, import problems) in the user's
//! language. One catalogue mechanism, shared in spirit with the documents'
//! texts (`pdf::i18n`): typed tables in the core, no runtime files.
//!
//! Why not Fluent: the core writes its messages in English at the place the
//! problem is found (`Error::validation(field, format!("…{x}…"))`), and other
//! changes keep adding such messages. A catalogue keyed by the English
//! template lets every existing and future message work unchanged: the
//! boundary (the app's command runner, the CLI) calls [`Error::localized`],
//! which finds the message's template, takes the variable parts (file names,
//! line numbers, values) from the English text and puts them into the
//! translation. A message with no translation yet stays in English — never
//! lost, never garbled — and the test `messages_missing_a_translation` lists
//! them per language so they can be filled in. The stable `code` and `field`
//! never change.

use crate::error::Error;
use crate::model::Lang;

/// `[en, ru, bg, el, hu]`; `""` = not translated yet. Placeholders `{name}`
/// match any text, in order; a translation uses the same names.
type Entry = [&'static str; 5];

const CATALOGUE: &[Entry] = &[
    [
        "{file}:{line}: the quote that opens here in column “{column}” is never closed, so it would swallow the lines after it. Nothing was imported; add the missing quote (or remove the stray one) and import again.",
        "{file}:{line}: кавычка, открытая здесь в столбце «{column}», нигде не закрывается и поглотила бы следующие строки. Ничего не импортировано; добавьте недостающую кавычку (или удалите лишнюю) и импортируйте снова.",
        "{file}:{line}: кавичката, отворена тук в колона „{column}“, не се затваря никъде и би погълнала следващите редове. Нищо не е импортирано; добавете липсващата кавичка (или премахнете излишната) и импортирайте отново.",
        "{file}:{line}: τα εισαγωγικά που ανοίγουν εδώ στη στήλη «{column}» δεν κλείνουν πουθενά και θα κατάπιναν τις επόμενες γραμμές. Δεν εισήχθη τίποτα· προσθέστε τα εισαγωγικά που λείπουν (ή αφαιρέστε τα περιττά) και κάντε ξανά την εισαγωγή.",
        "{file}:{line}: az itt, a(z) „{column}” oszlopban nyíló idézőjel sehol sem záródik, így elnyelné az utána következő sorokat. Semmi sem lett importálva; pótolja a hiányzó idézőjelet (vagy törölje a fölöslegeset), és importáljon újra.",
    ],
    [
        "{file} is empty. Export the contacts again and choose the new file.",
        "Файл {file} пуст. Выгрузите контакты заново и выберите новый файл.",
        "Файлът {file} е празен. Експортирайте контактите отново и изберете новия файл.",
        "Το αρχείο {file} είναι κενό. Εξαγάγετε ξανά τις επαφές και επιλέξτε το νέο αρχείο.",
        "A(z) {file} fájl üres. Exportálja újra a névjegyeket, és válassza az új fájlt.",
    ],
    [
        "{file} has no header row. The first line must name the columns.",
        "В файле {file} нет строки заголовков. В первой строке должны быть названия столбцов.",
        "Файлът {file} няма заглавен ред. Първият ред трябва да съдържа имената на колоните.",
        "Το αρχείο {file} δεν έχει γραμμή επικεφαλίδων. Η πρώτη γραμμή πρέπει να ονομάζει τις στήλες.",
        "A(z) {file} fájlnak nincs fejléce. Az első sorban az oszlopok neveinek kell állniuk.",
    ],
    [
        "{file}:{line}: the file cannot be read as CSV ({why}). Export it again as CSV.",
        "{file}:{line}: файл не читается как CSV ({why}). Выгрузите его заново в формате CSV.",
        "{file}:{line}: файлът не може да се прочете като CSV ({why}). Експортирайте го отново като CSV.",
        "{file}:{line}: το αρχείο δεν διαβάζεται ως CSV ({why}). Εξαγάγετέ το ξανά ως CSV.",
        "{file}:{line}: a fájl nem olvasható CSV-ként ({why}). Exportálja újra CSV formátumban.",
    ],
    [
        "{file} is {what}, not a vCard file. Export the contacts as vCard (.vcf).",
        "{file} — это {what}, а не файл vCard. Выгрузите контакты в формате vCard (.vcf).",
        "{file} е {what}, а не файл vCard. Експортирайте контактите като vCard (.vcf).",
        "Το {file} είναι {what}, όχι αρχείο vCard. Εξαγάγετε τις επαφές ως vCard (.vcf).",
        "A(z) {file} {what}, nem vCard-fájl. Exportálja a névjegyeket vCard (.vcf) formátumban.",
    ],
    [
        "{path} cannot be read: {why}. Check the path.",
        "Не удаётся прочитать {path}: {why}. Проверьте путь.",
        "{path} не може да се прочете: {why}. Проверете пътя.",
        "Δεν είναι δυνατή η ανάγνωση του {path}: {why}. Ελέγξτε τη διαδρομή.",
        "A(z) {path} nem olvasható: {why}. Ellenőrizze az elérési utat.",
    ],
    [
        "the contact has no name, company or e-mail. Fill in a name or leave the row out.",
        "у контакта нет ни имени, ни компании, ни e-mail. Впишите имя или пропустите строку.",
        "контактът няма име, фирма или имейл. Попълнете име или пропуснете реда.",
        "η επαφή δεν έχει όνομα, εταιρεία ή e-mail. Συμπληρώστε όνομα ή παραλείψτε τη γραμμή.",
        "a névjegynek nincs neve, cége vagy e-mail-címe. Adjon meg egy nevet, vagy hagyja ki a sort.",
    ],
    [
        "“{value}” is not an e-mail address (name@example.com).",
        "«{value}» — не адрес e-mail (name@example.com).",
        "„{value}“ не е имейл адрес (name@example.com).",
        "Το «{value}» δεν είναι διεύθυνση e-mail (name@example.com).",
        "„{value}” nem e-mail-cím (name@example.com).",
    ],
    [
        "“{value}” is not a phone number (at most 50 characters).",
        "«{value}» — не номер телефона (не более 50 символов).",
        "„{value}“ не е телефонен номер (най-много 50 знака).",
        "Το «{value}» δεν είναι αριθμός τηλεφώνου (έως 50 χαρακτήρες).",
        "„{value}” nem telefonszám (legfeljebb 50 karakter).",
    ],
    [
        "the card has no END:VCARD. Check that the file is complete.",
        "у карточки нет END:VCARD. Проверьте, что файл целый.",
        "картата няма END:VCARD. Проверете дали файлът е цял.",
        "η κάρτα δεν έχει END:VCARD. Ελέγξτε ότι το αρχείο είναι πλήρες.",
        "a névjegyből hiányzik az END:VCARD. Ellenőrizze, hogy a fájl teljes-e.",
    ],
    [
        "the card has no END:VCARD; the file seems cut short. Export it again.",
        "у карточки нет END:VCARD; похоже, файл обрезан. Выгрузите его заново.",
        "картата няма END:VCARD; файлът изглежда прекъснат. Експортирайте го отново.",
        "η κάρτα δεν έχει END:VCARD· το αρχείο φαίνεται κομμένο. Εξαγάγετέ το ξανά.",
        "a névjegyből hiányzik az END:VCARD; a fájl csonkának tűnik. Exportálja újra.",
    ],
    [
        "a line without a property name was skipped.",
        "строка без имени свойства пропущена.",
        "ред без име на свойство беше пропуснат.",
        "παραλείφθηκε μια γραμμή χωρίς όνομα ιδιότητας.",
        "egy tulajdonságnév nélküli sort kihagytunk.",
    ],
    [
        "{field} is empty. Fill it in.",
        "Поле {field} пустое. Заполните его.",
        "Полето {field} е празно. Попълнете го.",
        "Το πεδίο {field} είναι κενό. Συμπληρώστε το.",
        "A(z) {field} mező üres. Töltse ki.",
    ],
    [
        "{field} is {n} characters long; the limit is {max}. Shorten it.",
        "В поле {field} {n} символов, а можно не больше {max}. Сократите текст.",
        "Полето {field} е дълго {n} знака; границата е {max}. Съкратете го.",
        "Το πεδίο {field} έχει {n} χαρακτήρες· το όριο είναι {max}. Συντομεύστε το.",
        "A(z) {field} mező {n} karakter hosszú; a korlát {max}. Rövidítse le.",
    ],
    [
        "{field} contains control characters. Remove them.",
        "В поле {field} есть управляющие символы. Удалите их.",
        "Полето {field} съдържа управляващи знаци. Премахнете ги.",
        "Το πεδίο {field} περιέχει χαρακτήρες ελέγχου. Αφαιρέστε τους.",
        "A(z) {field} mező vezérlőkaraktereket tartalmaz. Távolítsa el őket.",
    ],
    [
        "“{value}” is not a date. Write it as YYYY-MM-DD, or --MM-DD when the year is unknown.",
        "«{value}» — не дата. Пишите ГГГГ-ММ-ДД или --ММ-ДД, если год неизвестен.",
        "„{value}“ не е дата. Пишете ГГГГ-ММ-ДД или --ММ-ДД, ако годината не е известна.",
        "Το «{value}» δεν είναι ημερομηνία. Γράψτε ΕΕΕΕ-ΜΜ-ΗΗ ή --ΜΜ-ΗΗ αν το έτος είναι άγνωστο.",
        "„{value}” nem dátum. Írja ÉÉÉÉ-HH-NN alakban, vagy --HH-NN alakban, ha az év ismeretlen.",
    ],
    [
        "“{value}” does not look like an e-mail address (name@example.com).",
        "«{value}» не похоже на адрес e-mail (name@example.com).",
        "„{value}“ не прилича на имейл адрес (name@example.com).",
        "Το «{value}» δεν μοιάζει με διεύθυνση e-mail (name@example.com).",
        "„{value}” nem tűnik e-mail-címnek (name@example.com).",
    ],
    [
        "{what} #{id} was not found. It may have been archived; refresh the list and try again.",
        "{what} №{id} не найден(а). Возможно, запись в архиве; обновите список и попробуйте снова.",
        "{what} №{id} не е намерен(а). Може да е архивиран(а); обновете списъка и опитайте отново.",
        "{what} #{id} δεν βρέθηκε. Ίσως έχει αρχειοθετηθεί· ανανεώστε τη λίστα και δοκιμάστε ξανά.",
        "{what} #{id} nem található. Lehet, hogy archiválták; frissítse a listát, és próbálja újra.",
    ],
    [
        "The workspace is busy in another program. Close the other window or command and try again.",
        "Рабочий файл занят другой программой. Закройте другое окно или команду и попробуйте снова.",
        "Работният файл е зает от друга програма. Затворете другия прозорец или команда и опитайте отново.",
        "Ο χώρος εργασίας χρησιμοποιείται από άλλο πρόγραμμα. Κλείστε το άλλο παράθυρο ή την εντολή και δοκιμάστε ξανά.",
        "A munkafájlt egy másik program használja. Zárja be a másik ablakot vagy parancsot, és próbálja újra.",
    ],
    [
        "This file is not a Conveyor workspace (it is not an SQLite database). Choose a .conveyor file.",
        "Этот файл — не рабочий файл Conveyor (это не база SQLite). Выберите файл .conveyor.",
        "Този файл не е работен файл на Conveyor (не е база данни SQLite). Изберете файл .conveyor.",
        "Αυτό το αρχείο δεν είναι χώρος εργασίας του Conveyor (δεν είναι βάση SQLite). Επιλέξτε ένα αρχείο .conveyor.",
        "Ez a fájl nem Conveyor-munkafájl (nem SQLite-adatbázis). Válasszon egy .conveyor fájlt.",
    ],
    [
        "The workspace file is damaged. Restore it from a backup (keep the damaged copy for support).",
        "Рабочий файл повреждён. Восстановите его из резервной копии (повреждённую копию сохраните для поддержки).",
        "Работният файл е повреден. Възстановете го от резервно копие (пазете повреденото копие за поддръжката).",
        "Το αρχείο του χώρου εργασίας είναι κατεστραμμένο. Επαναφέρετέ το από αντίγραφο ασφαλείας (κρατήστε το κατεστραμμένο για την υποστήριξη).",
        "A munkafájl megsérült. Állítsa vissza biztonsági mentésből (a sérült példányt őrizze meg a támogatás számára).",
    ],
    [
        "The disk is full. Free some space and try again; nothing was saved.",
        "Диск заполнен. Освободите место и попробуйте снова; ничего не сохранено.",
        "Дискът е пълен. Освободете място и опитайте отново; нищо не е записано.",
        "Ο δίσκος είναι γεμάτος. Ελευθερώστε χώρο και δοκιμάστε ξανά· δεν αποθηκεύτηκε τίποτα.",
        "A lemez megtelt. Szabadítson fel helyet, és próbálja újra; semmi sem lett mentve.",
    ],
    [
        "The record was not found. Refresh and try again.",
        "Запись не найдена. Обновите и попробуйте снова.",
        "Записът не е намерен. Обновете и опитайте отново.",
        "Η εγγραφή δεν βρέθηκε. Ανανεώστε και δοκιμάστε ξανά.",
        "A rekord nem található. Frissítsen, és próbálja újra.",
    ],
    [
        "No workspace is open. Open a workspace, create a new one, or open the demo.",
        "Рабочий файл не открыт. Откройте файл, создайте новый или откройте демо.",
        "Няма отворен работен файл. Отворете файл, създайте нов или отворете демото.",
        "Δεν υπάρχει ανοιχτός χώρος εργασίας. Ανοίξτε έναν, δημιουργήστε νέο ή ανοίξτε την επίδειξη.",
        "Nincs megnyitott munkafájl. Nyisson meg egyet, hozzon létre újat, vagy nyissa meg a demót.",
    ],
    [
        "Give the next step a date.",
        "Укажите дату следующего шага.",
        "Дайте дата на следващата стъпка.",
        "Δώστε ημερομηνία στο επόμενο βήμα.",
        "Adjon dátumot a következő lépésnek.",
    ],
    [
        "The next step's date is in the past. Pick today or later.",
        "Дата следующего шага уже прошла. Выберите сегодня или позже.",
        "Датата на следващата стъпка е в миналото. Изберете днес или по-късно.",
        "Η ημερομηνία του επόμενου βήματος έχει περάσει. Επιλέξτε σήμερα ή αργότερα.",
        "A következő lépés dátuma a múltban van. Válassza a mai napot vagy későbbit.",
    ],
    [
        "“{year}/{month}/{day}” (year/month/day) is not a birthday: it needs a month and a day. Fix it in the file or leave it out.",
        "«{year}/{month}/{day}» (год/месяц/день) — не дата рождения: нужны месяц и день. Исправьте файл или пропустите это значение.",
        "„{year}/{month}/{day}“ (година/месец/ден) не е рожден ден: нужни са месец и ден. Поправете файла или пропуснете стойността.",
        "«{year}/{month}/{day}» (έτος/μήνας/ημέρα) δεν είναι ημερομηνία γενεθλίων: χρειάζονται μήνας και ημέρα. Διορθώστε το αρχείο ή παραλείψτε την τιμή.",
        "„{year}/{month}/{day}” (év/hónap/nap) nem születésnap: hónap és nap kell hozzá. Javítsa a fájlban, vagy hagyja ki.",
    ],
    [
        "A company cannot belong to itself. Choose another company.",
        "Компания не может входить сама в себя. Выберите другую компанию.",
        "Фирмата не може да е част от самата себе си. Изберете друга фирма.",
        "Μια εταιρεία δεν μπορεί να ανήκει στον εαυτό της. Επιλέξτε άλλη εταιρεία.",
        "Egy cég nem tartozhat önmagához. Válasszon másik céget.",
    ],
    [
        "“{parent}” already belongs to “{company}”, so “{company}” cannot belong to it. Choose another company.",
        "«{parent}» уже входит в «{company}», поэтому «{company}» не может входить в неё. Выберите другую компанию.",
        "„{parent}“ вече е част от „{company}“, затова „{company}“ не може да е част от нея. Изберете друга фирма.",
        "Η «{parent}» ανήκει ήδη στην «{company}», οπότε η «{company}» δεν μπορεί να ανήκει σε αυτήν. Επιλέξτε άλλη εταιρεία.",
        "A(z) „{parent}” már a(z) „{company}” része, így a(z) „{company}” nem tartozhat hozzá. Válasszon másik céget.",
    ],
    [
        "The number of employees cannot be negative. Enter 0 or more.",
        "Число сотрудников не может быть отрицательным. Укажите 0 или больше.",
        "Броят служители не може да е отрицателен. Въведете 0 или повече.",
        "Ο αριθμός εργαζομένων δεν μπορεί να είναι αρνητικός. Εισαγάγετε 0 ή περισσότερο.",
        "Az alkalmazottak száma nem lehet negatív. Adjon meg 0-t vagy többet.",
    ],
    [
        "The revenue cannot be negative. Enter 0 or more.",
        "Выручка не может быть отрицательной. Укажите 0 или больше.",
        "Приходите не може да са отрицателни. Въведете 0 или повече.",
        "Τα έσοδα δεν μπορούν να είναι αρνητικά. Εισαγάγετε 0 ή περισσότερο.",
        "Az árbevétel nem lehet negatív. Adjon meg 0-t vagy többet.",
    ],
    [
        "A contact needs a first or a last name, or at least an e-mail address.",
        "Укажите у контакта имя или фамилию — или хотя бы адрес e-mail.",
        "Контактът трябва да има име или фамилия — или поне имейл адрес.",
        "Η επαφή χρειάζεται όνομα ή επώνυμο — ή τουλάχιστον διεύθυνση email.",
        "A névjegyhez kell utó- vagy vezetéknév, vagy legalább egy e-mail-cím.",
    ],
    [
        "A deal needs a company or a contact.",
        "У сделки должна быть компания или контакт.",
        "Сделката трябва да има фирма или контакт.",
        "Η ευκαιρία χρειάζεται εταιρεία ή επαφή.",
        "Az ügylethez cég vagy kapcsolattartó kell.",
    ],
    [
        "“{value}” is not a currency code. Use three letters such as EUR, USD or RUB.",
        "«{value}» — не код валюты. Используйте три буквы, например EUR, USD или RUB.",
        "„{value}“ не е код на валута. Използвайте три букви, например EUR, BGN или USD.",
        "Το «{value}» δεν είναι κωδικός νομίσματος. Χρησιμοποιήστε τρία γράμματα, π.χ. EUR ή USD.",
        "„{value}” nem pénznemkód. Használjon három betűt, például HUF, EUR vagy USD.",
    ],
];

fn column(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Ru => 1,
        Lang::Bg => 2,
        Lang::El => 3,
        Lang::Hu => 4,
    }
}

/// A template cut at its placeholders: literal parts and placeholder names
/// (`literals.len() == names.len() + 1`).
fn parts(template: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut literals, mut names) = (vec![], vec![]);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        literals.push(&rest[..open]);
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    literals.push(rest);
    (literals, names)
}

/// The placeholders' texts if `message` is an instance of `template`.
fn capture<'m>(template: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let (literals, _) = parts(template);
    fn go<'m>(literals: &[&str], msg: &'m str, out: &mut Vec<&'m str>) -> bool {
        match literals {
            [] => msg.is_empty(),
            [last] => msg == *last,
            [lit, rest @ ..] => {
                let Some(after) = msg.strip_prefix(lit) else { return false };
                // The placeholder takes the shortest text after which the rest matches.
                let next = rest[0];
                let mut from = 0;
                while let Some(i) = after[from..].find(next).map(|i| i + from) {
                    out.push(&after[..i]);
                    if go(rest, &after[i..], out) {
                        return true;
                    }
                    out.pop();
                    from = i + after[i..].chars().next().map_or(1, char::len_utf8);
                    if next.is_empty() && rest.len() == 1 {
                        // The last placeholder ends the message: it takes all of it.
                        out.push(after);
                        return true;
                    }
                }
                false
            }
        }
    }
    let mut out = vec![];
    if literals.len() == 1 {
        return (message == literals[0]).then_some(out);
    }
    go(&literals, message, &mut out).then_some(out)
}

/// `english` in `lang`, or `english` itself when it has no translation yet.
pub fn translate(lang: Lang, english: &str) -> String {
    if lang == Lang::En {
        return english.to_string();
    }
    for entry in CATALOGUE {
        let target = entry[column(lang)];
        if target.is_empty() {
            continue;
        }
        if let Some(values) = capture(entry[0], english) {
            let (_, names) = parts(entry[0]);
            let mut out = target.to_string();
            for (name, value) in names.iter().zip(values) {
                out = out.replace(&format!("{{{name}}}"), value);
            }
            return out;
        }
    }
    english.to_string()
}

impl Error {
    /// The same error with its message in `lang` (code and field unchanged).
    pub fn localized(mut self, lang: Lang) -> Error {
        self.message = translate(lang, &self.message);
        if let (Some(field), Lang::Ru) = (&self.field, lang) {
            // A field named in English inside the message (“Phone”) reads in the language too.
            if let (Some(en), Some(l)) = (crate::validate::label(Lang::En, field), crate::validate::label(lang, field)) {
                self.message = self.message.replace(&format!("“{en}”"), &format!("«{l}»"));
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn a_message_reaches_every_language_with_its_details_and_code() {
        let e = Error::new(ErrorCode::InvalidFile, "contacts.csv:17: the file cannot be read as CSV (unclosed quote). Export it again as CSV.");
        let ru = e.clone().localized(Lang::Ru);
        assert_eq!(ru.message, "contacts.csv:17: файл не читается как CSV (unclosed quote). Выгрузите его заново в формате CSV.");
        assert_eq!(ru.code, ErrorCode::InvalidFile);
        let bg = e.clone().localized(Lang::Bg).message;
        assert!(bg.starts_with("contacts.csv:17: файлът не може") && bg.contains("(unclosed quote)"), "{bg}");
        let el = e.clone().localized(Lang::El).message;
        assert!(el.contains("contacts.csv:17") && el.contains("δεν διαβάζεται"), "{el}");
        let hu = e.clone().localized(Lang::Hu).message;
        assert!(hu.contains("contacts.csv:17") && hu.contains("nem olvasható"), "{hu}");
        assert_eq!(e.clone().localized(Lang::En), e);
    }

    #[test]
    fn a_message_without_a_translation_stays_in_english() {
        let e = Error::validation("deal.title", "A message someone added today, with 3 details.");
        for lang in Lang::ALL {
            let l = e.clone().localized(*lang);
            assert_eq!(l, e, "{lang}");
        }
    }

    #[test]
    fn values_inside_a_message_are_kept_exactly() {
        let msg = "“+36 (1) 234-5678 ext. 9 / call after 5 pm, not before; more text here to go past fifty” is not a phone number (at most 50 characters).";
        let hu = translate(Lang::Hu, msg);
        assert_eq!(hu, "„+36 (1) 234-5678 ext. 9 / call after 5 pm, not before; more text here to go past fifty” nem telefonszám (legfeljebb 50 karakter).");
        let not_found = translate(Lang::El, "Deal #42 was not found. It may have been archived; refresh the list and try again.");
        assert!(not_found.starts_with("Deal #42 δεν βρέθηκε"), "{not_found}");
    }

    #[test]
    fn validation_messages_name_the_field_in_the_language() {
        let e = crate::validate::required("contact.phone", "", 50).unwrap_err().localized(Lang::Ru);
        assert_eq!(e.field.as_deref(), Some("contact.phone"));
        assert!(e.message.contains("Телефон") && e.message.contains("Заполните"), "{}", e.message);
    }

    #[test]
    fn translations_keep_the_placeholders_of_the_english() {
        for entry in CATALOGUE {
            let (_, mut en) = parts(entry[0]);
            en.sort();
            for t in &entry[1..] {
                if t.is_empty() {
                    continue;
                }
                let (_, mut names) = parts(t);
                names.sort();
                assert_eq!(names, en, "{t}");
            }
            assert!(capture(entry[0], entry[0]).is_some(), "a template matches itself: {}", entry[0]);
        }
    }

    /// The messages the core writes, read from its source: every `Error::…(`
    /// call's and every problem's message text, placeholders as `{}`.
    fn source_messages() -> std::collections::BTreeSet<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.file_name().unwrap().to_string_lossy().contains("test") {
                    out.push(p);
                }
            }
        }
        let mut files = vec![];
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        let mut found = std::collections::BTreeSet::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let text = text.split("#[cfg(test)]\nmod tests").next().unwrap();
            for start in ["Error::new(", "Error::validation(", "Error::internal(", "Problem::at(", "message: \"", "message: format!("] {
                for (i, _) in text.match_indices(start) {
                    // The call's text up to its closing parenthesis (or the line's end).
                    let rest = &text[i + start.len() - usize::from(start.ends_with('"'))..];
                    let mut depth = 1i32;
                    let mut in_str = false;
                    let mut prev = ' ';
                    let mut end = rest.len();
                    for (j, c) in rest.char_indices() {
                        match c {
                            '"' if prev != '\\' => in_str = !in_str,
                            '(' if !in_str => depth += 1,
                            ')' if !in_str => {
                                depth -= 1;
                                if depth == 0 {
                                    end = j;
                                    break;
                                }
                            }
                            ',' | '\n' if !in_str && start.ends_with('"') => {
                                end = j;
                                break;
                            }
                            _ => {}
                        }
                        prev = c;
                    }
                    let call = &rest[..end];
                    let literals: Vec<String> = call.split('"').skip(1).step_by(2).map(|s| s.replace("\\n", " ")).collect();
                    if let Some(m) = literals.into_iter().filter(|l| l.contains(' ')).max_by_key(|l| l.len()) {
                        found.insert(normalise(&m));
                    }
                }
            }
        }
        found
    }

    fn normalise(t: &str) -> String {
        let (literals, _) = parts(t);
        literals.join("{}")
    }

    /// Lists, per language, the core's messages that have no translation yet
    /// (they reach the user in English): fill them in `CATALOGUE`. Fails only
    /// when a catalogue entry no longer matches any message in the source.
    #[test]
    fn messages_missing_a_translation() {
        let messages = source_messages();
        assert!(messages.len() > 50, "the scan finds the core's messages ({})", messages.len());
        // An entry names a source message, or one case of it (a message put
        // together from parts, e.g. the CSV quote refusal: its `{}` slots
        // stand for any text).
        let specialises = |entry: &str, m: &str| {
            let pieces: Vec<&str> = m.split("{}").collect();
            let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
            let mut rest = match entry.strip_prefix(first) {
                Some(r) => r,
                None => return false,
            };
            for p in &pieces[1..pieces.len() - 1] {
                match rest.find(p) {
                    Some(i) => rest = &rest[i + p.len()..],
                    None => return false,
                }
            }
            pieces.len() > 1 && rest.ends_with(last)
        };
        for entry in CATALOGUE {
            let e = normalise(entry[0]);
            assert!(
                messages.contains(&e) || messages.iter().any(|m| specialises(&e, m)),
                "a catalogue entry matches no message in the source any more: {}",
                entry[0]
            );
        }
        for lang in [Lang::Ru, Lang::Bg, Lang::El, Lang::Hu] {
            let missing: Vec<_> = messages.iter().filter(|m| !CATALOGUE.iter().any(|e| normalise(e[0]) == **m && !e[column(lang)].is_empty())).collect();
            println!("{lang}: {} of {} core messages have no translation yet:", missing.len(), messages.len());
            for m in missing {
                println!("  {m}");
            }
        }
    }
}
