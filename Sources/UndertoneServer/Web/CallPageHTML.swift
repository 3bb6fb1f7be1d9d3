/// The call page's long repeated parts as HTML, written with `HTMLWriter` rather than Mustache (a one-hour call
/// has thousands of timeline shapes and hundreds of moment forms): the timeline's shapes and the moments list.
/// The markup is what the template held; call data goes through `text`, which escapes it.
enum CallPageHTML {
    /// Ticks, pauses, a lane per party (speech, overlaps, sentiment arc) and the moment markers.
    static func timeline(_ page: CallPageView, duration: Double) -> String {
        let lanes = page.lanes
        let spans = page.pauses.count + lanes.reduce(0) { $0 + $1.speech.count + $1.overlaps.count }
        var html = HTMLWriter(capacity: 260 * spans + 300 * page.moments.count)
        func position(_ span: CallPageView.Span) {
            html.markup(" x=\"")
            html.text(WebFormat.percent(span.start, of: duration))
            html.markup("%\" width=\"")
            html.text(WebFormat.width(span.end - span.start, of: duration))
            html.markup("%\"")
        }
        func label(_ span: CallPageView.Span) {
            html.text(span.label)
            html.markup(" ")
            html.time(span.start)
            html.markup("–")
            html.time(span.end)
            html.markup(" (")
            html.number(span.end - span.start, decimals: 1)
            html.markup(" s)")
        }
        /// `<rect class="pause deadAir" data-kind="deadAir" data-start="64.92"`, left open.
        func kindRect(_ shape: StaticString, _ span: CallPageView.Span) {
            html.markup("<rect class=\"")
            html.markup(shape)
            html.markup(" ")
            html.text(span.kind)
            html.markup("\" data-kind=\"")
            html.text(span.kind)
            html.markup("\" data-start=\"")
            html.number(span.start, decimals: 2)
            html.markup("\"")
        }
        func labelled(_ span: CallPageView.Span) {
            html.markup(" role=\"img\" aria-label=\"")
            label(span)
            html.markup("\"><title>")
            label(span)
            html.markup("</title></rect>")
        }
        html.markup("<g class=\"ticks\" aria-hidden=\"true\">")
        for tick in page.ticks {
            html.markup("<line x1=\"")
            html.text(tick.x)
            html.markup("%\" x2=\"")
            html.text(tick.x)
            html.markup("%\" y1=\"20\" y2=\"")
            html.integer(page.timelineHeight)
            html.markup("\"></line><text x=\"")
            html.text(tick.x)
            html.markup("%\" y=\"13\">")
            html.text(tick.label)
            html.markup("</text>")
        }
        html.markup("</g>\n<g class=\"pauses\">")
        for pause in page.pauses {
            kindRect("pause", pause)
            html.markup(" data-end=\"")
            html.number(pause.end, decimals: 2)
            html.markup("\"")
            position(pause)
            html.markup(" y=\"24\" height=\"")
            html.integer(page.pauseHeight)
            html.markup("\"")
            labelled(pause)
        }
        html.markup("</g>\n")
        for lane in lanes {
            html.markup("<g class=\"lane\" role=\"group\" aria-label=\"")
            html.text(lane.name)
            html.markup("\">\n<text class=\"lane-name\" x=\"2\" y=\"")
            html.integer(lane.labelY)
            html.markup("\">")
            html.text(lane.name)
            html.markup("</text>\n")
            for speech in lane.speech {
                html.markup("<rect class=\"speech\"")
                position(speech)
                html.markup(" y=\"")
                html.integer(lane.y)
                html.markup("\" height=\"26\"><title>")
                label(speech)
                html.markup("</title></rect>")
            }
            html.markup("\n")
            for overlap in lane.overlaps {
                kindRect("overlap", overlap)
                position(overlap)
                html.markup(" y=\"")
                html.integer(lane.y)
                html.markup("\" height=\"26\"")
                labelled(overlap)
            }
            html.markup("\n")
            if let arc = lane.arc {
                html.markup("<svg class=\"arc\" x=\"0\" y=\"")
                html.integer(lane.y)
                html.markup("\" width=\"100%\" height=\"26\" viewBox=\"0 0 ")
                html.text(page.durationSeconds)
                html.markup(" 2\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                html.text(lane.arcLabel ?? "")
                html.markup("\"><polyline points=\"")
                html.text(arc)
                html.markup("\" vector-effect=\"non-scaling-stroke\"></polyline></svg>")
            }
            html.markup("\n</g>\n")
        }
        html.markup("<g class=\"markers\">")
        for moment in page.moments {
            html.markup("<a href=\"#moment-")
            html.integer(moment.index)
            html.markup("\" class=\"marker ")
            html.text(moment.kind)
            html.markup("\" data-moment=\"")
            html.integer(moment.index)
            html.markup("\" aria-label=\"")
            html.text(moment.kindLabel)
            html.markup(" at ")
            html.text(moment.time)
            html.markup("\"><rect x=\"")
            html.text(moment.x)
            html.markup("%\" y=\"18\" width=\"4\" height=\"")
            html.integer(page.pauseHeight)
            html.markup("\"><title>")
            html.text(moment.kindLabel)
            html.markup(" at ")
            html.text(moment.time)
            html.markup(": ")
            html.text(moment.summary)
            html.markup("</title></rect></a>")
        }
        html.markup("</g>\n")
        return html.html
    }

    /// A list item per moment: its play button, kind, summary, latest QA review and the confirm/false-alarm form.
    static func moments(_ page: CallPageView) -> String {
        var html = HTMLWriter(capacity: 1200 * page.moments.count)
        for moment in page.moments {
            html.markup("<li id=\"moment-")
            html.integer(moment.index)
            html.markup("\" class=\"moment ")
            html.text(moment.severity)
            html.markup("\">\n<button type=\"button\" class=\"play\" data-moment=\"")
            html.integer(moment.index)
            html.markup("\" data-start=\"")
            html.text(moment.start)
            html.markup("\" data-end=\"")
            html.text(moment.end)
            html.markup("\" aria-label=\"Play ")
            html.text(moment.kindLabel)
            html.markup(" at ")
            html.text(moment.time)
            html.markup(": ")
            html.text(moment.summary)
            html.markup("\">▶ ")
            html.text(moment.time)
            html.markup("</button>\n<span class=\"kind\">")
            html.text(moment.kindLabel)
            html.markup("</span> <span class=\"sev\">")
            html.text(moment.severity)
            html.markup("</span>\n<p class=\"summary\">")
            html.text(moment.summary)
            html.markup("</p>\n")
            if let review = moment.review {
                html.markup("<p class=\"review ")
                html.text(review.verdict)
                html.markup("\">QA: <strong>")
                html.text(review.verdictLabel)
                html.markup("</strong>")
                if let comment = review.comment {
                    html.markup(" — ")
                    html.text(comment)
                }
                html.markup(" <small>(")
                html.text(review.reviewer)
                html.markup(", ")
                html.text(review.time)
                html.markup(")</small></p>\n")
            }
            html.markup("<form method=\"post\" action=\"/calls/")
            html.text(page.id)
            html.markup("/reviews\" class=\"verdict\">\n<input type=\"hidden\" name=\"csrf\" value=\"")
            html.text(page.csrf)
            html.markup("\"><input type=\"hidden\" name=\"target\" value=\"")
            html.text(moment.target)
            html.markup("\"><input type=\"hidden\" name=\"anchor\" value=\"moment-")
            html.integer(moment.index)
            // The comment box comes from the page's #comment-field template on demand (call.js): hundreds of text
            // fields cost chromium ~0.5 s of form scanning on load of a long call.
            html.markup("\">\n<button type=\"button\" class=\"comment\">Add comment</button>\n")
            html.markup("<button type=\"submit\" name=\"verdict\" value=\"confirmed\" aria-pressed=\"")
            html.markup(moment.confirmed ? "true" : "false")
            html.markup("\">Confirmed</button>\n<button type=\"submit\" name=\"verdict\" value=\"falseAlarm\" aria-pressed=\"")
            html.markup(moment.falseAlarm ? "true" : "false")
            html.markup("\">False alarm</button>\n</form>\n</li>\n")
        }
        return html.html
    }
}
