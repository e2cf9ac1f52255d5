//! Messages of team workspaces (docs/TEAM.md): the server's address, its
//! login, promote's copy and its verification.

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    [
        "“{url}” is not a server address ({_why}). Write it as postgres://user:password@host:port/database, for example postgres://anna@sales.example.com/shop.",
        "«{url}» — не адрес сервера ({_why}). Пишите так: postgres://пользователь:пароль@сервер:порт/база, например postgres://anna@sales.example.com/shop.",
        "„{url}“ не е адрес на сървър ({_why}). Пишете го така: postgres://потребител:парола@сървър:порт/база, например postgres://anna@sales.example.com/shop.",
        "Το «{url}» δεν είναι διεύθυνση διακομιστή ({_why}). Γράψτε το ως postgres://χρήστης:κωδικός@διακομιστής:θύρα/βάση, για παράδειγμα postgres://anna@sales.example.com/shop.",
        "A(z) „{url}” nem kiszolgálócím ({_why}). Így írja: postgres://felhasználó:jelszó@kiszolgáló:port/adatbázis, például postgres://anna@sales.example.com/shop.",
    ],
    [
        "The server at {address} refused the login of {user}: the user name or password is wrong. Check them and try again; nothing was changed.",
        "Сервер {address} не принял вход пользователя {user}: неверное имя пользователя или пароль. Проверьте их и попробуйте снова; ничего не изменено.",
        "Сървърът {address} отказа входа на {user}: потребителското име или паролата са грешни. Проверете ги и опитайте отново; нищо не е променено.",
        "Ο διακομιστής {address} απέρριψε τη σύνδεση του {user}: το όνομα χρήστη ή ο κωδικός είναι λάθος. Ελέγξτε τα και δοκιμάστε ξανά· τίποτα δεν άλλαξε.",
        "A(z) {address} kiszolgáló elutasította {user} bejelentkezését: hibás a felhasználónév vagy a jelszó. Ellenőrizze őket, és próbálja újra; semmi sem változott.",
    ],
    [
        "There is no database {database} on the server at {address}. Create it first (for example with createdb) and try again.",
        "На сервере {address} нет базы данных {database}. Сначала создайте её (например, командой createdb) и попробуйте снова.",
        "На сървъра {address} няма база данни {database}. Първо я създайте (например с createdb) и опитайте отново.",
        "Δεν υπάρχει βάση δεδομένων {database} στον διακομιστή {address}. Δημιουργήστε την πρώτα (για παράδειγμα με createdb) και δοκιμάστε ξανά.",
        "A(z) {address} kiszolgálón nincs {database} adatbázis. Először hozza létre (például a createdb paranccsal), és próbálja újra.",
    ],
    [
        "The server at {address} wants a password for {user}. Give the password and try again; nothing was changed.",
        "Сервер {address} требует пароль для {user}. Укажите пароль и попробуйте снова; ничего не изменено.",
        "Сървърът {address} изисква парола за {user}. Въведете паролата и опитайте отново; нищо не е променено.",
        "Ο διακομιστής {address} ζητά κωδικό για τον {user}. Δώστε τον κωδικό και δοκιμάστε ξανά· τίποτα δεν άλλαξε.",
        "A(z) {address} kiszolgáló jelszót kér {user} számára. Adja meg a jelszót, és próbálja újra; semmi sem változott.",
    ],
    [
        "The team server at {address} cannot be reached ({e}). Check the address and that the server is running; nothing was changed.",
        "Сервер команды {address} не отвечает ({e}). Проверьте адрес и что сервер запущен; ничего не изменено.",
        "Сървърът на екипа {address} не отговаря ({e}). Проверете адреса и дали сървърът работи; нищо не е променено.",
        "Ο διακομιστής της ομάδας {address} δεν απαντά ({e}). Ελέγξτε τη διεύθυνση και ότι ο διακομιστής λειτουργεί· τίποτα δεν άλλαξε.",
        "A(z) {address} csapatkiszolgáló nem érhető el ({e}). Ellenőrizze a címet, és hogy a kiszolgáló fut-e; semmi sem változott.",
    ],
    [
        "The connection to the team server was lost ({e}). Nothing was changed; try again.",
        "Связь с сервером команды прервалась ({e}). Ничего не изменено; попробуйте снова.",
        "Връзката със сървъра на екипа прекъсна ({e}). Нищо не е променено; опитайте отново.",
        "Η σύνδεση με τον διακομιστή της ομάδας χάθηκε ({e}). Τίποτα δεν άλλαξε· δοκιμάστε ξανά.",
        "Megszakadt a kapcsolat a csapatkiszolgálóval ({e}). Semmi sem változott; próbálja újra.",
    ],
    [
        "The team server refused the operation: {e}. Nothing was changed.",
        "Сервер команды отклонил операцию: {e}. Ничего не изменено.",
        "Сървърът на екипа отказа операцията: {e}. Нищо не е променено.",
        "Ο διακομιστής της ομάδας απέρριψε τη λειτουργία: {e}. Τίποτα δεν άλλαξε.",
        "A csapatkiszolgáló elutasította a műveletet: {e}. Semmi sem változott.",
    ],
    [
        "The team workspace was set up by a newer Conveyor (schema {current}; this one knows up to {latest}). Update Conveyor and try again.",
        "Рабочее пространство команды создано более новой версией Conveyor (схема {current}; эта версия знает до {latest}). Обновите Conveyor и попробуйте снова.",
        "Работното пространство на екипа е създадено от по-нова версия на Conveyor (схема {current}; тази познава до {latest}). Обновете Conveyor и опитайте отново.",
        "Ο χώρος εργασίας της ομάδας δημιουργήθηκε από νεότερο Conveyor (σχήμα {current}· αυτό γνωρίζει έως {latest}). Ενημερώστε το Conveyor και δοκιμάστε ξανά.",
        "A csapat munkaterületét újabb Conveyor hozta létre ({current}. séma; ez legfeljebb a(z) {latest}. sémát ismeri). Frissítse a Conveyort, és próbálja újra.",
    ],
    [
        "Setting up the team workspace's schema {version} failed: {e}. Nothing was changed on the server.",
        "Не удалось создать схему {version} рабочего пространства команды: {e}. На сервере ничего не изменено.",
        "Създаването на схема {version} на работното пространство на екипа не успя: {e}. Нищо не е променено на сървъра.",
        "Η δημιουργία του σχήματος {version} του χώρου εργασίας της ομάδας απέτυχε: {e}. Τίποτα δεν άλλαξε στον διακομιστή.",
        "A csapat munkaterületének {version}. sémáját nem sikerült létrehozni: {e}. A kiszolgálón semmi sem változott.",
    ],
    [
        "The team workspace's table {table} does not match the file's ({what}). Nothing was copied; update Conveyor and try again.",
        "Таблица {table} рабочего пространства команды не совпадает с таблицей файла ({what}). Ничего не скопировано; обновите Conveyor и попробуйте снова.",
        "Таблицата {table} на работното пространство на екипа не съвпада с тази на файла ({what}). Нищо не е копирано; обновете Conveyor и опитайте отново.",
        "Ο πίνακας {table} του χώρου εργασίας της ομάδας δεν ταιριάζει με του αρχείου ({what}). Δεν αντιγράφηκε τίποτα· ενημερώστε το Conveyor και δοκιμάστε ξανά.",
        "A csapat munkaterületének {table} táblája nem egyezik a fájléval ({what}). Semmi sem lett átmásolva; frissítse a Conveyort, és próbálja újra.",
    ],
    [
        "The file's table {table}, row {key}, column {column} holds {value}, which is not written as {written}. Nothing was copied; repair the value in the app and try again.",
        "В файле в таблице {table}, строка {key}, столбец {column} записано {value}, а ожидается запись вида {written}. Ничего не скопировано; исправьте значение в приложении и попробуйте снова.",
        "Във файла, таблица {table}, ред {key}, колона {column} съдържа {value}, което не е записано като {written}. Нищо не е копирано; поправете стойността в приложението и опитайте отново.",
        "Στο αρχείο, ο πίνακας {table}, γραμμή {key}, στήλη {column} περιέχει {value}, που δεν είναι γραμμένο ως {written}. Δεν αντιγράφηκε τίποτα· διορθώστε την τιμή στην εφαρμογή και δοκιμάστε ξανά.",
        "A fájl {table} táblájának {key} sorában a(z) {column} oszlop értéke {value}, ami nem {written} alakú. Semmi sem lett átmásolva; javítsa az értéket az alkalmazásban, és próbálja újra.",
    ],
    [
        "The copy of table {table} does not match the file (the file has {rows} rows, the server read back {server_rows}, or their contents differ). Nothing was kept on the server; the file is unchanged.",
        "Копия таблицы {table} не совпадает с файлом (в файле строк: {rows}, с сервера прочитано: {server_rows}, или различается содержимое). На сервере ничего не сохранено; файл не изменён.",
        "Копието на таблица {table} не съвпада с файла (във файла има {rows} реда, от сървъра са прочетени {server_rows}, или съдържанието се различава). Нищо не е запазено на сървъра; файлът е непроменен.",
        "Το αντίγραφο του πίνακα {table} δεν ταιριάζει με το αρχείο (το αρχείο έχει {rows} γραμμές, από τον διακομιστή διαβάστηκαν {server_rows}, ή το περιεχόμενο διαφέρει). Τίποτα δεν κρατήθηκε στον διακομιστή· το αρχείο δεν άλλαξε.",
        "A(z) {table} tábla másolata nem egyezik a fájllal (a fájlban {rows} sor van, a kiszolgálóról {server_rows} olvasható vissza, vagy eltér a tartalom). A kiszolgálón semmi sem maradt meg; a fájl változatlan.",
    ],
    [
        "The database {database} on {address} already holds a Conveyor team workspace. Nothing was changed; promote into a new, empty database.",
        "База данных {database} на {address} уже содержит рабочее пространство команды Conveyor. Ничего не изменено; переносите в новую пустую базу.",
        "Базата данни {database} на {address} вече съдържа работно пространство на екип на Conveyor. Нищо не е променено; прехвърлете в нова, празна база.",
        "Η βάση δεδομένων {database} στο {address} περιέχει ήδη χώρο εργασίας ομάδας του Conveyor. Τίποτα δεν άλλαξε· μεταφέρετε σε νέα, κενή βάση.",
        "A(z) {address} {database} adatbázisa már tartalmaz Conveyor csapat-munkaterületet. Semmi sem változott; új, üres adatbázisba vigye át.",
    ],
    [
        "The database {database} on {address} is not empty ({tables} tables). Nothing was changed; promote into a new, empty database.",
        "База данных {database} на {address} не пуста (таблиц: {tables}). Ничего не изменено; переносите в новую пустую базу.",
        "Базата данни {database} на {address} не е празна ({tables} таблици). Нищо не е променено; прехвърлете в нова, празна база.",
        "Η βάση δεδομένων {database} στο {address} δεν είναι κενή ({tables} πίνακες). Τίποτα δεν άλλαξε· μεταφέρετε σε νέα, κενή βάση.",
        "A(z) {address} {database} adatbázisa nem üres ({tables} tábla). Semmi sem változott; új, üres adatbázisba vigye át.",
    ],
    [
        "{path} was saved by an older Conveyor (schema {version}) and is read here without changing it. Open it in the app once to upgrade it, then try again.",
        "{path} сохранён более старой версией Conveyor (схема {version}), а здесь он только читается, без изменений. Откройте его один раз в приложении, чтобы обновить, и попробуйте снова.",
        "{path} е записан от по-стара версия на Conveyor (схема {version}), а тук се чете, без да се променя. Отворете го веднъж в приложението, за да се обнови, и опитайте отново.",
        "Το {path} αποθηκεύτηκε από παλαιότερο Conveyor (σχήμα {version}) και εδώ διαβάζεται χωρίς αλλαγές. Ανοίξτε το μία φορά στην εφαρμογή για να ενημερωθεί και δοκιμάστε ξανά.",
        "A(z) {path} fájlt egy régebbi Conveyor mentette ({version}. séma), és itt változtatás nélkül olvassuk. Nyissa meg egyszer az alkalmazásban a frissítéshez, majd próbálja újra.",
    ],
];
