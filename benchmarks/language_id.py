"""How often `text.language.check_language` refuses English news, and how often it lets other
languages through, on short news texts.

    .venv/bin/python benchmarks/language_id.py

English: the 207 one-sentence reports of the events dev split (faultline/evaluate/data/
news_events_dev.tsv), each alone, and each with the next one (two sentences). Other languages:
the short news sentences below, written for this benchmark (conflict-news register, 8-30 words
each; no corpus text), alone. Prints the refusal rate for each group and the time per text.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

from faultline.errors import InputError
from faultline.text.language import check_language

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "faultline" / "evaluate" / "data" / "news_events_dev.tsv"

OTHER = {
    "fr": [
        "Les forces gouvernementales ont bombardé la ville samedi, tuant au moins six civils selon "
        "des sources locales.",
        "Des manifestants ont bloqué les routes de la capitale pour protester contre la hausse des "
        "prix du carburant.",
        "Une explosion a secoué le marché central mardi matin, faisant plusieurs blessés, a "
        "indiqué la police.",
        "Le ministère de la Défense a annoncé que des rebelles avaient attaqué un poste militaire "
        "près de la frontière.",
        "Trois soldats ont été tués dans une embuscade tendue par des hommes armés dans le nord du "
        "pays.",
    ],
    "es": [
        "Un ataque con drones contra una base militar dejó al menos cuatro muertos el domingo, "
        "informaron las autoridades.",
        "Miles de personas marcharon por las calles de la capital para exigir la renuncia del "
        "presidente.",
        "La policía detuvo a doce manifestantes tras los enfrentamientos frente al parlamento el "
        "jueves.",
        "Grupos armados secuestraron a varios trabajadores humanitarios en una aldea del sur del "
        "país.",
        "El ejército afirmó haber matado a quince insurgentes en una operación cerca de la "
        "frontera.",
    ],
    "pt": [
        "Homens armados atacaram uma aldeia no norte de Moçambique e mataram pelo menos dez "
        "pessoas, segundo fontes locais.",
        "A polícia usou gás lacrimogéneo para dispersar os manifestantes que protestavam contra o "
        "governo.",
        "Um ataque de rebeldes contra um posto militar deixou três soldados mortos na sexta-feira.",
        "Milhares de pessoas fugiram das suas casas depois dos combates entre o exército e os "
        "insurgentes.",
    ],
    "de": [
        "Bei einem Raketenangriff auf die Stadt wurden nach Angaben der Behörden mindestens acht "
        "Menschen getötet.",
        "Tausende Demonstranten zogen am Samstag durch die Hauptstadt und forderten den Rücktritt "
        "der Regierung.",
        "Die Polizei nahm nach den Zusammenstößen vor dem Parlament mehrere Personen fest.",
        "Bewaffnete Männer überfielen in der Nacht ein Dorf im Norden des Landes und töteten drei "
        "Bewohner.",
    ],
    "it": [
        "Un attacco con i droni contro una base militare ha causato almeno cinque morti, secondo "
        "le autorità locali.",
        "Migliaia di persone sono scese in piazza per protestare contro la riforma del governo.",
        "La polizia ha arrestato dieci manifestanti dopo gli scontri davanti al palazzo del "
        "parlamento.",
    ],
    "ru": [
        "В результате ракетного удара по городу погибли по меньшей мере семь человек, сообщили "
        "местные власти.",
        "Тысячи людей вышли на улицы столицы, требуя отставки правительства.",
        "Полиция задержала несколько участников акции протеста у здания парламента.",
    ],
    "uk": [
        "Унаслідок обстрілу міста загинули щонайменше п'ятеро мирних жителів, повідомила місцева "
        "влада.",
        "Російські війська атакували прикордонні села дронами вночі проти неділі.",
    ],
    "ar": [
        "قتل خمسة مدنيين على الأقل في غارة جوية استهدفت سوقا شعبيا في المدينة يوم السبت، "
        "وفقا لمصادر محلية.",
        "خرج آلاف المتظاهرين إلى شوارع العاصمة للمطالبة برحيل الحكومة.",
        "أعلن الجيش أنه قتل عشرة مسلحين في عملية عسكرية قرب الحدود.",
    ],
    "tr": [
        "Güneydoğudaki bir köye düzenlenen saldırıda en az dört kişi hayatını kaybetti, yetkililer "
        "açıkladı.",
        "Binlerce kişi hükümeti protesto etmek için başkentin sokaklarına döküldü.",
    ],
    "id": [
        "Sekelompok orang bersenjata menyerang sebuah pos polisi di Papua dan menewaskan dua "
        "petugas pada hari Minggu.",
        "Ribuan mahasiswa berunjuk rasa di depan gedung parlemen menolak undang-undang baru.",
    ],
    "sw": [
        "Watu wanne waliuawa katika shambulio la wanamgambo kwenye kijiji kimoja kaskazini mwa "
        "nchi, polisi walisema.",
    ],
    "fa": ["نیروهای امنیتی روز شنبه به سوی معترضان در مرکز شهر گاز اشک‌آور شلیک کردند."],
    "nl": [
        "Bij een aanval op een legerpost in het noorden van het land zijn zeker zes soldaten "
        "omgekomen, meldt de regering.",
    ],
    "pl": ["W wyniku ostrzału miasta zginęło co najmniej trzech cywilów, poinformowały władze."],
}


def refused(text: str) -> bool:
    try:
        check_language(text, "benchmark")
    except InputError:
        return True
    return False


def main() -> None:
    with DEV.open(encoding="utf-8", newline="") as handle:
        english = [row["text"] for row in csv.DictReader(handle, delimiter="\t")]
    pairs = [f"{a} {b}" for a, b in zip(english, english[1:], strict=False)]
    others = [text for texts in OTHER.values() for text in texts]
    refused("warm up the identifier")
    start = time.perf_counter()
    groups = {"English, one sentence": english, "English, two sentences": pairs,
              "other languages (14), one sentence": others}  # fmt: skip
    for label, texts in groups.items():
        count = sum(refused(t) for t in texts)
        print(f"{label:38} {count:4} of {len(texts):4} refused ({count / len(texts):.1%})")
    missed = [t[:60] for t in others if not refused(t)]
    for text in missed:
        print(f"  let through: {text}")
    texts = len(english) + len(pairs) + len(others)
    print(f"{(time.perf_counter() - start) / texts * 1000:.2f} ms per text")


if __name__ == "__main__":
    main()
