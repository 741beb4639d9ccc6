package io.wirewatch.process.story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hand-written articles for the story tests: two events of one kind, twice, and a wire copy. */
final class Streams {

  static final Instant T0 = Instant.parse("2024-05-06T08:00:00Z");

  private Streams() {}

  static StoryItem item(String id, String title, String text, Instant published, String source) {
    return new StoryItem(id, title, text, published, source, "en", "https://" + source + "/" + id);
  }

  static Instant at(double hours) {
    return T0.plus(Duration.ofMinutes(Math.round(hours * 60)));
  }

  static final StoryItem REID_1 = item("reid-1", "Tara Reid checks into rehab",
      "Actress Tara Reid has checked herself into a rehabilitation facility in Malibu, her representative Jack Ketsoyan "
          + "told People magazine on Tuesday. The American Pie star, 33, is seeking treatment at Promises, the "
          + "representative said, and asked for privacy for Reid and her family.", at(0), "people.example");
  static final StoryItem REID_2 = item("reid-2", "Tara Reid enters Promises treatment centre in Malibu",
      "Tara Reid entered the Promises treatment centre in Malibu this week, her publicist Jack Ketsoyan confirmed. "
          + "Reid, known for American Pie and her party lifestyle, checked in voluntarily, Ketsoyan said.", at(3), "usweekly.example");
  static final StoryItem REID_3 = item("reid-3", "Reid's publicist: actress is getting help at Promises",
      "The publicist for Tara Reid said the actress is getting the help she needs at Promises in Malibu. "
          + "Jack Ketsoyan said Reid had decided on her own to enter the facility.", at(7), "eonline.example");
  static final StoryItem LOHAN_1 = item("lohan-1", "Lindsay Lohan checks into Betty Ford Clinic",
      "Lindsay Lohan arrived at the Betty Ford Clinic in Rancho Mirage on Thursday to begin 90 days of court-ordered "
          + "rehab, her attorney Shawn Holley said. A Los Angeles judge ordered Lohan, 26, into treatment after she "
          + "pleaded no contest to lying to police about a car crash.", at(9), "usatoday.example");
  static final StoryItem LOHAN_2 = item("lohan-2", "Lohan begins court-ordered rehab at Betty Ford",
      "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage, California, on Thursday, attorney Shawn Holley "
          + "confirmed. The 90-day stay was ordered by a Los Angeles judge in the car crash case.", at(11), "foxnews.example");
  static final StoryItem LOHAN_3 = item("lohan-3", "Lindsay Lohan in rehab: what the judge ordered",
      "Lindsay Lohan must remain at Betty Ford in Rancho Mirage for 90 days. Judge James Dabney ordered the stay "
          + "after Lohan pleaded no contest; her attorney Shawn Holley said Lohan would comply.", at(13), "latimes.example");

  static final StoryItem IRAN_1 = item("iran-1", "Magnitude 6.1 earthquake strikes southern Iran",
      "A magnitude 6.1 earthquake struck near the port city of Bushehr in southern Iran on Tuesday, killing at least "
          + "37 people and injuring hundreds, Iranian state television reported. The quake hit villages near Kaki, "
          + "about 90 km from the Bushehr nuclear power plant, which was not damaged.", at(1), "reuters.example");
  static final StoryItem IRAN_2 = item("iran-2", "Iran quake near Bushehr kills 37",
      "At least 37 people were killed when a 6.1 magnitude earthquake hit the area around Kaki in Bushehr province. "
          + "Iranian officials said the Bushehr nuclear plant was undamaged and rescuers searched villages for survivors.",
      at(4), "bbc.example");
  static final StoryItem IRAN_3 = item("iran-3", "Rescuers search Kaki villages after Iran earthquake",
      "Rescue teams in Bushehr province searched the ruins of villages near Kaki for survivors of Tuesday's magnitude "
          + "6.1 earthquake, which killed 37 people. The Red Crescent set up tents for the homeless.", at(8), "aljazeera.example");
  static final StoryItem CHILE_1 = item("chile-1", "Powerful 8.8 earthquake hits central Chile",
      "A magnitude 8.8 earthquake struck off the coast of central Chile near Concepcion early on Saturday, killing "
          + "at least 122 people and triggering a tsunami warning across the Pacific. President Michelle Bachelet "
          + "declared a state of catastrophe in the Maule and Biobio regions.", at(2), "ap.example");
  static final StoryItem CHILE_2 = item("chile-2", "Chile earthquake: Concepcion counts its dead",
      "The death toll from the 8.8 magnitude quake in Chile rose to 122, President Michelle Bachelet said, as "
          + "Concepcion and the Maule region counted collapsed buildings. A tsunami struck coastal towns.", at(6), "guardian.example");
  static final StoryItem CHILE_3 = item("chile-3", "Bachelet declares catastrophe after Chile quake",
      "Michelle Bachelet declared a state of catastrophe in Maule and Biobio after the magnitude 8.8 earthquake near "
          + "Concepcion. Troops were sent to Concepcion to stop looting.", at(10), "cnn.example");

  /** A wire copy of IRAN_1 as another outlet runs it. */
  static final StoryItem IRAN_1_COPY = item("iran-1-copy", "Magnitude 6.1 earthquake strikes southern Iran",
      "(Reuters) - A magnitude 6.1 earthquake struck near the port city of Bushehr in southern Iran on Tuesday, killing at "
          + "least 37 people and injuring hundreds, Iranian state television reported. The quake hit villages near Kaki, "
          + "about 90 km from the Bushehr nuclear power plant, which was not damaged.", at(1.5), "yahoo.example");

  /** Two rehab events and two earthquakes, interleaved as a stream would bring them. */
  static List<StoryItem> mixed() {
    return List.of(REID_1, IRAN_1, CHILE_1, REID_2, IRAN_2, CHILE_2, REID_3, IRAN_3, LOHAN_1, CHILE_3, LOHAN_2, LOHAN_3);
  }

  static String gold(String id) {
    return id.substring(0, id.indexOf('-'));
  }

  /** The same articles in lower case without punctuation, as bag-of-words snippets come. */
  static List<StoryItem> lowerCased(List<StoryItem> items) {
    List<StoryItem> out = new ArrayList<>();
    for (StoryItem x : items) {
      out.add(new StoryItem(x.id(), words(x.title()), words(x.text()), x.published(), x.source(), x.language(), x.url()));
    }
    return out;
  }

  private static String words(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
