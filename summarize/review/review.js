// The review page's behaviour: select an item, highlight its passages, go to them one by one.
// It reads only ids and data attributes the renderer generates, and writes only textContent
// and classes: no article or model text is ever parsed as HTML here.
(function () {
  "use strict";
  var statusLine = document.getElementById("status");
  var state = { item: null, position: -1 };

  function marksOf(attribute, id) {
    return document.querySelectorAll("#article .hl[" + attribute + "~=\"" + id + "\"]");
  }

  function clearClass(name) {
    var marked = document.querySelectorAll("." + name);
    for (var i = 0; i < marked.length; i++) {
      marked[i].classList.remove(name);
    }
  }

  function describe(button) {
    var where = button.querySelector(".where");
    var label = button.querySelector(".label");
    var badge = button.querySelector(".badge");
    return (where ? where.textContent + ": " : "") + (label ? label.textContent : "") +
      (badge ? " (" + badge.textContent + ")" : "");
  }

  function select(button) {
    clearClass("selected");
    clearClass("current");
    clearClass("active");
    var card = button.closest(".item");
    if (card) {
      card.classList.add("active");
    }
    var marks = marksOf("data-items", button.id);
    for (var i = 0; i < marks.length; i++) {
      marks[i].classList.add("selected");
    }
    if (state.item !== button) {
      state.item = button;
      state.position = -1;
    }
  }

  // The passage's own words for the status line, so a screen reader hears what was selected.
  function excerpt(marks) {
    var text = "";
    for (var i = 0; i < marks.length; i++) {
      text += marks[i].textContent;
    }
    text = text.replace(/\s+/g, " ").trim();
    return text.length > 160 ? text.slice(0, 159) + "\u2026" : text;
  }

  // Show one passage. A link moves focus there, as an in-page link does; an item button keeps
  // focus, so Enter goes on to its next passage and Tab to the next item.
  function goToSpan(spanId, total, moveFocus) {
    clearClass("current");
    var marks = marksOf("data-spans", spanId);
    for (var i = 0; i < marks.length; i++) {
      marks[i].classList.add("current");
    }
    var anchor = document.getElementById(spanId);
    if (anchor) {
      if (moveFocus) {
        anchor.focus({ preventScroll: true });
      }
      (marks[0] || anchor).scrollIntoView({ block: "center" });
    }
    if (state.item) {
      statusLine.textContent = "Passage " + (state.position + 1) + " of " + total + " for " +
        describe(state.item) + ": \u201c" + excerpt(marks) + "\u201d";
    }
  }

  function spansOf(button) {
    var value = button.getAttribute("data-spans") || "";
    return value ? value.split(" ") : [];
  }

  function onItem(button) {
    select(button);
    var spans = spansOf(button);
    if (!spans.length) {
      statusLine.textContent = "No passage of the article was located for " + describe(button);
      return;
    }
    state.position = (state.position + 1) % spans.length;
    goToSpan(spans[state.position], spans.length, false);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var link = target.closest("a.goto");
    if (link) {
      event.preventDefault();
      var button = document.getElementById(link.getAttribute("data-item"));
      var spanId = link.getAttribute("data-span");
      if (button) {
        select(button);
        var spans = spansOf(button);
        state.position = spans.indexOf(spanId);
        goToSpan(spanId, spans.length, true);
      }
      return;
    }
    var itemButton = target.closest(".item-button");
    if (itemButton) {
      onItem(itemButton);
      return;
    }
    var mark = target.closest("#article .hl");
    if (mark) {
      // From the article back to the list: the most severe item citing this passage.
      var first = (mark.getAttribute("data-items") || "").split(" ")[0];
      var cited = first && document.getElementById(first);
      if (cited) {
        select(cited);
        cited.focus({ preventScroll: true });
        cited.scrollIntoView({ block: "nearest" });
        statusLine.textContent = "Cited by " + describe(cited);
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      clearClass("selected");
      clearClass("current");
      clearClass("active");
      state.item = null;
      state.position = -1;
      statusLine.textContent = "";
    }
  });

  document.documentElement.setAttribute("data-ready", "1");
  if (window.performance && performance.mark) {
    performance.mark("review-page-ready");  // bench/review_page.py reads it
  }
})();
