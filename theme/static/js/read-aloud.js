// "Voorlezen": reads the offer page aloud in Dutch with the browser's own speech synthesis.
// Nothing is sent anywhere. Where the browser cannot speak, the button is hidden.

// Long utterances stop halfway in some browsers: speak sentence by sentence, in short pieces.
const PIECE = 180;
// What a listener needs, in page order; the breadcrumb, buttons and pictograms are left out.
const PARTS = "h1, .lead, .provider-line, .notice, .facts, .description, .apply, .locations";

// The lines of the page's text as they are read: a pause (a full stop) after a heading or a fact
// without one.
export function spokenLines(texts) {
  return texts.flatMap((text) => text.split(/\n+/)).map((line) => line.trim()).filter(Boolean)
    .map((line) => (/[.!?:;]$/.test(line) ? line : `${line}.`));
}

// Lines cut into sentences, and a sentence longer than `size` at its last space before that.
export function speechPieces(lines, size = PIECE) {
  const pieces = [];
  for (const line of lines) {
    for (let sentence of line.match(/[^.!?]+[.!?]*\s*/g) || [line]) {
      sentence = sentence.trim();
      while (sentence.length > size) {
        const space = sentence.lastIndexOf(" ", size);
        const cut = space < 1 ? size : space;
        pieces.push(sentence.slice(0, cut));
        sentence = sentence.slice(cut).trim();
      }
      if (sentence) pieces.push(sentence);
    }
  }
  return pieces;
}

function dutchVoice(synth) {
  const voices = synth.getVoices();
  return voices.find((voice) => voice.lang.replace("_", "-").toLowerCase() === "nl-nl")
    ?? voices.find((voice) => voice.lang.toLowerCase().startsWith("nl")) ?? null;
}

function setUpReadAloud(button, article) {
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
    button.hidden = true;
    return;
  }
  const synth = window.speechSynthesis;
  const label = button.querySelector("span");
  let reading = false;
  // Cancelling fires error events on the old pieces; only the newest reading may change the button.
  let run = 0;

  function show(isReading) {
    reading = isReading;
    label.textContent = isReading ? button.dataset.textStop : button.dataset.textStart;
    button.classList.toggle("tool-active", isReading);
  }

  function stop() {
    run += 1;
    synth.cancel();
    show(false);
  }

  function start() {
    synth.cancel();
    run += 1;
    const mine = run;
    const done = () => { if (mine === run) show(false); };
    const voice = dutchVoice(synth);
    const pieces = speechPieces(spokenLines([...article.querySelectorAll(PARTS)].map((part) => part.innerText)));
    pieces.forEach((text, index) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "nl-NL";
      if (voice) utterance.voice = voice;
      utterance.rate = 0.95;
      if (index === pieces.length - 1) utterance.onend = done;
      utterance.onerror = done;
      synth.speak(utterance);
    });
    show(pieces.length > 0);
  }

  button.addEventListener("click", () => (reading ? stop() : start()));
  document.addEventListener("keydown", (event) => {
    if (reading && event.key === "Escape") stop();
  });
  window.addEventListener("pagehide", stop);
}

// Node tests import this module for its pure functions; there is no page there.
if (typeof document !== "undefined") {
  const button = document.querySelector("[data-read-aloud]");
  const article = document.querySelector("article.offer");
  if (button && article) setUpReadAloud(button, article);
}
