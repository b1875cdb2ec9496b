// "Voorlezen": reads the offer page aloud in Dutch with the browser's own speech synthesis.
// Nothing is sent anywhere. Where the browser cannot speak, the button is hidden.
function setUpReadAloud(button, article) {
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
    button.hidden = true;
    return;
  }

  var synth = window.speechSynthesis;
  var label = button.querySelector("span");
  var reading = false;
  // Cancelling fires error events on the old pieces; only the newest reading may change the button.
  var run = 0;
  // Long utterances stop halfway in some browsers: speak sentence by sentence, in short pieces.
  var PIECE = 180;
  // What a listener needs, in page order; the breadcrumb, buttons and pictograms are left out.
  var PARTS = "h1, .lead, .provider-line, .notice, .facts, .description, .apply, .locations";

  function dutchVoice() {
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang.replace("_", "-").toLowerCase() === "nl-nl") return voices[i];
    }
    for (var j = 0; j < voices.length; j++) {
      if (voices[j].lang.toLowerCase().indexOf("nl") === 0) return voices[j];
    }
    return null;
  }

  function lines() {
    var result = [];
    article.querySelectorAll(PARTS).forEach(function (part) {
      part.innerText.split(/\n+/).forEach(function (line) {
        line = line.trim();
        if (!line) return;
        // A pause after a heading or a fact without a full stop.
        result.push(/[.!?:;]$/.test(line) ? line : line + ".");
      });
    });
    return result;
  }

  function pieces() {
    var result = [];
    lines().forEach(function (line) {
      (line.match(/[^.!?]+[.!?]*\s*/g) || [line]).forEach(function (sentence) {
        sentence = sentence.trim();
        while (sentence.length > PIECE) {
          var cut = sentence.lastIndexOf(" ", PIECE);
          if (cut < 1) cut = PIECE;
          result.push(sentence.slice(0, cut));
          sentence = sentence.slice(cut).trim();
        }
        if (sentence) result.push(sentence);
      });
    });
    return result;
  }

  function show(isReading) {
    reading = isReading;
    label.textContent = button.getAttribute(isReading ? "data-tekst-stop" : "data-tekst-start");
    button.classList.toggle("tool-actief", isReading);
  }

  function stop() {
    run++;
    synth.cancel();
    show(false);
  }

  function start() {
    synth.cancel();
    var mine = ++run;
    var done = function () { if (mine === run) show(false); };
    var voice = dutchVoice();
    var all = pieces();
    all.forEach(function (text, index) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "nl-NL";
      if (voice) utterance.voice = voice;
      utterance.rate = 0.95;
      if (index === all.length - 1) utterance.onend = done;
      utterance.onerror = done;
      synth.speak(utterance);
    });
    show(all.length > 0);
  }

  button.addEventListener("click", function () {
    if (reading) stop(); else start();
  });
  document.addEventListener("keydown", function (event) {
    if (reading && event.key === "Escape") stop();
  });
  window.addEventListener("pagehide", stop);
}

const readAloudButton = document.querySelector("[data-voorlezen]");
const offerArticle = document.querySelector("article.offer");
if (readAloudButton && offerArticle) setUpReadAloud(readAloudButton, offerArticle);
