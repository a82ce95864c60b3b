#!/usr/bin/env python3
"""Writes common-passwords.txt: the deny-list PasswordPolicy embeds (lowercase, sorted, unique).

Deterministic (no randomness, no network). Sources: widely published top-password lists recalled
from memory, plus the systematic patterns breach corpora are full of: words and names followed by
years and digit runs, keyboard walks, repeated characters, number sequences. Rerun after editing:
    python3 generate_common_passwords.py > common-passwords.txt
"""

TOP = """
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael
654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer
zxcvbnm asdfgh hunter buster soccer harley batman andrew tigger sunshine iloveyou 2000 charlie
robert thomas hockey ranger daniel starwars klaster 112233 george computer michelle jessica pepper
1111 zxcvbn 555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua
cheese amanda summer love ashley nicole chelsea biteme matthew access yankees 987654321 dallas
austin thunder taylor matrix mobilemail mom monitor monitoring montana moon moscow welcome
passw0rd password1 password123 admin admin123 administrator root toor guest login abcdef
abcdefg abcdefgh abcdefghij 1q2w3e4r 1q2w3e4r5t 1q2w3e 1qazxsw2 zaq12wsx zaq1zaq1 qwerty123
qwerty1 qwertyui qwe123 q1w2e3r4 q1w2e3r4t5 a1b2c3d4 a1b2c3 aa123456 qwert asdfghjkl asdf1234
iloveyou1 iloveyou2 lovely flower hello hello123 whatever secret secret123 changeme changeme123
default test test123 testing test1234 demo demo123 user user123 sample temp temp123 letmein123
welcome1 welcome123 welcome2023 welcome2024 welcome2025 princess1 sunshine1 football1 baseball1
basketball superstar starwars1 pokemon pikachu naruto sasuke minecraft roblox fortnite
liverpool arsenal chelsea1 manchester barcelona realmadrid juventus ferrari mercedes porsche
corvette mustang1 harley1 yamaha kawasaki suzuki honda toyota nissan jaguar tiger lion eagle
falcon phoenix dolphin dolphins panther panthers cowboys steelers packers eagles giants lakers
bulls celtics redsox yankees1 rangers islanders blackhawks canucks penguins hawkeyes wildcats
purple orange yellow silver golden diamond crystal rainbow butterfly cookie cupcake chocolate
banana apple cherry peanut peaches pumpkin snoopy scooby garfield mickey minnie donald goofy
spiderman ironman captain hulk thor wolverine deadpool joker gandalf frodo hobbit zelda mario
luigi sonic tetris nintendo playstation xbox360 warcraft diablo starcraft counter halflife
matrix1 neo trinity morpheus skywalker vader yoda chewbacca jedi sith darkside
blink182 metallica nirvana slipknot eminem tupac 50cent beyonce rihanna shakira madonna
jesus jesus1 christ god godisgood blessed faith angel angels heaven savior trinity1 church
football12 soccer12 hockey12 baseball12 qwerty12 abc12345 abcd1234 1234abcd 12341234 12344321
123654 123654789 147258369 159357 741852963 963852741 789456123 123789 147258 258369 369258147
1password password! password12 password1234 p@ssw0rd p@ssword passwd pa55word pa55w0rd
letmein! trustno1! monkey123 dragon123 shadow123 master123 killer123 hunter2 hunter123
iloveu iloveyou! lovelove loveme loveyou mylove sweetheart sweetie honey baby babygirl babyboy
princesa tequiero teamo amor corazon mariposa contrasena bonjour soleil motdepasse
passwort hallo schatz schalke werder bayern azerty azertyuiop qwertz qwertzuiop 1qay2wsx
""".split()

WORDS = """
password pass admin welcome hello letmein monkey dragon shadow master killer hunter soccer
football baseball basketball hockey tennis golf summer winter spring autumn sunshine princess
iloveyou love lover lovely angel baby girl boy family friend friends freedom secret qwerty
computer internet google facebook twitter instagram youtube apple samsung nokia iphone android
windows linux ubuntu server database oracle cisco dell lenovo asus acer microsoft amazon netflix
spotify discord steam gaming gamer player killer1 ninja pirate viking warrior knight dragonfly
wizard magic mystery galaxy planet rocket space star stars moon sun sky ocean river mountain
forest flower rose lily daisy tulip orchid garden nature animal kitty kitten puppy doggy doggie
cat dog horse tiger lion bear wolf fox eagle hawk falcon shark whale dolphin turtle monkey1
chicken turkey pizza burger coffee tea beer vodka whiskey tequila wine money cash dollar euro
rich lucky happy smile sunny funny crazy sexy hot cool super mega ultra power energy thunder
lightning storm fire water earth wind ice snow rain cloud shadow1 ghost demon devil angel1 heaven
hell jesus christ god lord blessed faith hope peace truth dream dreams music guitar piano drums
rock metal punk rap jazz blues disco dance party holiday vacation beach island paradise
america usa canada london paris berlin madrid rome tokyo china india brazil mexico texas
florida california newyork chicago boston dallas miami vegas seattle denver phoenix atlanta
spider batman superman ironman hulk thor joker pokemon pikachu naruto goku vegeta sonic mario
zelda minecraft fortnite roblox starwars startrek matrix hobbit gandalf harrypotter hogwarts
liverpool arsenal chelsea manchester barcelona juventus bayern ferrari porsche mercedes bmw audi
toyota honda nissan ford chevy jeep dodge harley yamaha ducati mustang corvette camaro
orange purple yellow silver golden black white green blue red pink diamond crystal emerald
ruby sapphire pearl cookie candy sugar honey chocolate banana cherry peach lemon mango
student teacher doctor nurse police soldier army navy marine pilot captain sergeant
monday friday sunday january february march april may june july august september october
november december qwerty1 asdf zxcv abc abcd abcde test tester testing access login user
hello1 welcome1 changeme default guest root system backup office work school college
university library church home house garage kitchen mother father sister brother mommy daddy
grandma grandpa wife husband darling sweetheart babygirl babyboy prince queen king princesa
""".split()

NAMES = """
michael jennifer jessica ashley amanda sarah daniel david james robert john joseph andrew
matthew joshua christopher anthony william thomas charles richard steven kevin brian jason
justin brandon ryan eric adam nicholas tyler aaron jacob nathan kyle zachary alexander
jonathan samuel benjamin austin jordan taylor hannah emily madison elizabeth lauren megan
rachel samantha stephanie nicole heather melissa amber rebecca michelle kimberly amy angela
christina maria jasmine andrea crystal danielle courtney brittany victoria natalie alexis
olivia emma sophia isabella mia charlotte abigail harper evelyn ella chloe grace lily zoe
liam noah ethan mason logan lucas jackson aiden oliver elijah gabriel carter owen dylan
luke henry jack sebastian caleb isaac hunter connor evan charlie max leo oscar george harry
alfie freddie archie teddy arthur sophie jessie molly poppy ruby daisy rosie millie lucy
katie amelia isla freya alice bella luna maggie buddy bailey rocky duke bear coco lucky
sam alex chris mike matt nick dan tom ben joe tony pete steve dave jim bob bill ann anna
maria carlos juan jose luis miguel antonio pedro pablo diego javier alejandro fernando
sergio marco paolo giuseppe francesco andrea luca giovanni hans peter klaus stefan thomas1
ivan dmitry sergey andrey alexey natasha olga svetlana tatiana irina elena anastasia
mohammed ahmed ali omar fatima aisha yusuf hassan raj priya amit rahul anil sunil deepak
""".split()

YEARS = [str(y) for y in range(1960, 2031)]
SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "12345678", "123456789", "!", "1!",
            "123!", "007", "69", "666", "777", "321", "4321", "000", "111", "@123"]
# Words people decorate most; they also get year + punctuation variants.
FAVOURITES = """
password welcome letmein monkey dragon shadow master qwerty football baseball soccer hockey
sunshine princess iloveyou superman batman starwars pokemon minecraft summer winter spring
autumn freedom secret computer admin hello love angel liverpool chelsea arsenal barcelona
michael jennifer jessica ashley amanda daniel jordan thomas charlie george hunter buster
""".split()
YEAR_DECORATIONS = ["!", "@", "#", "123", "!!"]
MIN_PATTERN_LENGTH = 8  # shorter pattern entries fail any sane length rule anyway
KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "!@#$%^&*()",
                 "0987654321", "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "1qaz2wsx3edc4rfv5tgb",
                 "qazwsxedcrfvtgbyhn", "1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0",
                 "zaq12wsxcde3", "!qaz@wsx#edc", "1qaz!qaz", "qweasdzxc", "qweasdzxc123",
                 "asdfjkl;", "147258369", "159753852", "963852741", "789456123", "741852963",
                 "qwertyqwerty", "asdasd", "zxczxc", "qweqwe", "123qweasd", "123qweasdzxc",
                 "qwe123qwe", "1qa2ws3ed", "azertyuiop", "qwertzuiop", "wsxcde", "qazxsw"]


def keyboard_walks():
    out = set()
    for row in KEYBOARD_ROWS:
        for start in range(len(row)):
            for end in range(start + 6, len(row) + 1):
                out.add(row[start:end])
        out.add(row + row[:4])
        out.add(row * 2)
    return out


def repeats():
    out = set()
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789!*."
    for c in alphabet:
        for n in range(6, 21):
            out.add(c * n)
    for pair in ["ab", "12", "01", "10", "69", "xo", "ha", "lo", "qw", "as", "zx", "aa1", "abc",
                 "123", "1234", "qwe", "asd", "xyz", "love", "pass", "lol"]:
        for n in range(3, 9):
            out.add(pair * n)
    return out


def number_sequences():
    out = set()
    digits = "01234567890123456789"
    for start in range(10):
        for length in range(6, 17):
            out.add(digits[start:start + length])
            out.add(digits[start:start + length][::-1])
    for n in range(6, 21):
        out.add("".join(str(i) for i in range(1, n + 1)))
        out.add("".join(str(i) for i in range(n, 0, -1)))
    for a in range(10):
        for b in range(10):
            out.add((str(a) + str(b)) * 5)
            out.add(str(a) * 5 + str(b) * 5)
    for y in YEARS:
        out.add(y * 2)
        out.add(y + "1234")
        out.add("1234" + y)
    return out


def word_patterns():
    out = set()
    bases = sorted(set(WORDS) | set(NAMES))
    for word in bases:
        for s in SUFFIXES:
            out.add(word + s)
        for year in YEARS:
            out.add(word + year)
        out.add(word + word)
        out.add("ilove" + word)
        out.add("my" + word)
        out.add(word + "love")
    for word in FAVOURITES:
        for year in YEARS:
            for d in YEAR_DECORATIONS:
                out.add(word + year + d)
    return out


def leet(word):
    table = str.maketrans({"a": "@", "o": "0", "e": "3", "i": "1", "s": "$"})
    return word.translate(table)


def leet_patterns():
    out = set()
    for word in ["password", "letmein", "welcome", "monkey", "dragon", "master", "shadow",
                 "sunshine", "princess", "football", "baseball", "iloveyou", "superman",
                 "batman", "trustno1", "admin", "secret", "qwerty", "summer", "winter"]:
        for variant in {leet(word), word.replace("o", "0"), word.replace("a", "@"),
                        word.replace("s", "$"), word.replace("e", "3"), word.replace("i", "1"),
                        word.replace("a", "@").replace("o", "0")}:
            for s in ["", "1", "12", "123", "1234", "!", "123!", "2023", "2024", "2025"]:
                out.add(variant + s)
    return out


def main():
    patterns = keyboard_walks() | repeats() | number_sequences() | word_patterns() | leet_patterns()
    entries = set(w.lower() for w in TOP)
    entries |= set(p for p in patterns if len(p) >= MIN_PATTERN_LENGTH)
    entries = sorted(e for e in entries if e.isascii() and e.isprintable() and " " not in e)
    print("\n".join(entries))


if __name__ == "__main__":
    main()
