//! A family's guessing pairs over its exercises: a chart drawn on the server as
//! SVG (no chart code in the browser; prints cleanly; works without JavaScript)
//! and a table of the same numbers for screen readers and the record. Used by the
//! Over time page and the printed summary; therapists only.

use leptos::prelude::*;

use crate::{
    components::time::utc_date,
    series::{OverTime, PairPoint, PairTrend, SeriesExercise},
};

/// Every pair's trend, each under a heading of `level` (2 on its own page, 3 in a
/// summary).
#[component]
pub fn OverTimePairs(over_time: OverTime, #[prop(default = 2)] level: u8) -> impl IntoView {
    let OverTime { exercises, pairs, .. } = over_time;
    if pairs.is_empty() {
        return view! {
            <p data-testid="over-time-empty">
                "Nothing to show yet: once someone has written guesses about another person, \
                 each pair appears here."
            </p>
        }
        .into_any();
    }
    pairs
        .into_iter()
        .map(|pair| view! { <PairTrendView pair exercises=exercises.clone() level /> })
        .collect_view()
        .into_any()
}

#[component]
fn PairTrendView(pair: PairTrend, exercises: Vec<SeriesExercise>, level: u8) -> impl IntoView {
    let title = format!("{}'s guesses about {}", pair.guesser_name, pair.subject_name);
    let table_label = format!("{title}, by exercise");
    let heading = match level {
        2 => view! { <h2>{title.clone()}</h2> }.into_any(),
        _ => view! { <h3>{title.clone()}</h3> }.into_any(),
    };
    let rows = exercises
        .iter()
        .zip(&pair.points)
        .map(|(exercise, point)| {
            view! {
                <tr>
                    <th scope="row">
                        {format!("{} · {}", exercise.number, utc_date(exercise.started_ms))}
                    </th>
                    <td>{rated_text(point)}</td>
                    <td>{point.mean_text()}</td>
                    <td>{point.feelings_text()}</td>
                    <td>{point.steps_text()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card trend" data-testid="trend">
            {heading}
            <p class="trend-words">{pair.words.clone()}</p>
            <TrendChart
                title
                described_by=format!("chart-{}-{}", pair.guesser_id, pair.subject_id)
                exercises=exercises.clone()
                points=pair.points.clone()
            />
            // A phone narrower than the table scrolls it sideways inside its card, not
            // the page; keyboard users can scroll it too (it takes focus).
            <div class="table-scroll" tabindex="0" role="region" aria-label=table_label>
                <table class="trend-table">
                    <caption class="visually-hidden">
                        {format!(
                            "{}'s guesses about {}, by exercise",
                            pair.guesser_name,
                            pair.subject_name,
                        )}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Exercise"</th>
                            <th scope="col">"Guesses rated"</th>
                            <th scope="col">"Closeness (0–4)"</th>
                            <th scope="col">"Feelings named"</th>
                            <th scope="col">"Next steps kept"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// "2 of 3", or "no guesses" for an exercise where the guesser wrote none.
fn rated_text(point: &PairPoint) -> String {
    if point.guesses == 0 {
        "no guesses".to_owned()
    } else {
        format!("{} of {}", point.ratings.len(), point.guesses)
    }
}

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 190.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 44.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 34.0;

/// The closeness means (dots, joined where consecutive exercises were rated) and
/// the share of feelings named (hollow squares, drawn under the dots) per exercise. Unrated exercises have no
/// point: "not rated" is never drawn as 0.
#[component]
fn TrendChart(
    title: String,
    /// A page-unique id for the chart's description.
    described_by: String,
    exercises: Vec<SeriesExercise>,
    points: Vec<PairPoint>,
) -> impl IntoView {
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let step = plot_width / exercises.len().max(1) as f64;
    let x = move |index: usize| LEFT + (index as f64 + 0.5) * step;
    let y_closeness = move |mean: f64| TOP + (4.0 - mean) / 4.0 * plot_height;
    let y_share = move |share: f64| TOP + (1.0 - share) * plot_height;
    let grid = (0..=4)
        .map(|level| {
            let y = y_closeness(f64::from(level));
            view! {
                <line class="chart-grid" x1=LEFT x2=WIDTH - RIGHT y1=y y2=y />
                <text class="chart-label" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">
                    {match level {
                        0 => "0 not close".to_owned(),
                        4 => "4 spot on".to_owned(),
                        other => other.to_string(),
                    }}
                </text>
            }
        })
        .collect_view();
    let means: Vec<Option<(f64, f64)>> = points
        .iter()
        .enumerate()
        .map(|(i, p)| p.mean().map(|mean| (x(i), y_closeness(mean))))
        .collect();
    let lines = means
        .windows(2)
        .filter_map(|pair| match pair {
            [Some((x1, y1)), Some((x2, y2))] => {
                Some(view! { <line class="chart-closeness" x1=*x1 y1=*y1 x2=*x2 y2=*y2 /> })
            }
            _ => None,
        })
        .collect_view();
    let dots = means
        .iter()
        .flatten()
        .map(|(cx, cy)| view! { <circle class="chart-closeness-point" cx=*cx cy=*cy r="5" /> })
        .collect_view();
    let squares = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.feelings_share().map(|share| (x(i), y_share(share))))
        .map(|(cx, cy)| {
            view! { <rect class="chart-feelings-point" x=cx - 7.0 y=cy - 7.0 width="14" height="14" /> }
        })
        .collect_view();
    let ticks = exercises
        .iter()
        .enumerate()
        .map(|(i, exercise)| {
            view! {
                <text class="chart-label" x=x(i) y=HEIGHT - BOTTOM + 18.0 text-anchor="middle">
                    {exercise.number.to_string()}
                </text>
            }
        })
        .collect_view();
    let description = "Dots: how close the guesses were rated, from 0 (not close) to 4 \
                       (spot on), by exercise. Hollow squares: the share of the person's own feelings \
                       that the guess named, from none (bottom) to all (top). The table below \
                       has the same numbers.";
    view! {
        <figure class="trend-chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label=format!("{title}: chart")
                aria-describedby=described_by.clone()
            >
                {grid}
                <text class="chart-label" x=WIDTH - RIGHT + 6.0 y=TOP + 4.0>
                    "all"
                </text>
                <text class="chart-label" x=WIDTH - RIGHT + 6.0 y=HEIGHT - BOTTOM + 4.0>
                    "none"
                </text>
                // Hollow squares under the dots: where both measures meet, both show.
                {squares}
                {lines}
                {dots}
                {ticks}
                <text
                    class="chart-label"
                    x=LEFT + plot_width / 2.0
                    y=HEIGHT - 2.0
                    text-anchor="middle"
                >
                    "Exercise"
                </text>
            </svg>
            <figcaption class="hint">
                <span class="chart-key chart-key--closeness" aria-hidden="true"></span>
                " closeness, mean (left scale) "
                <span class="chart-key chart-key--feelings" aria-hidden="true"></span>
                " feelings named (right scale)"
                <span class="visually-hidden" id=described_by>
                    {description}
                </span>
            </figcaption>
        </figure>
    }
}
