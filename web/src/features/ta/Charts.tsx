import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from "recharts";

const HEIGHT = 240;
/** USWDS colours; text and bars on white meet WCAG AA. */
const COLOR = { bar: "#005ea2", ink: "#1b1b1b", axis: "#71767a", grid: "#dfe1e2" };
const TICK = { fill: COLOR.ink, fontSize: 13 };

/**
 * Counts as a bar chart. The drawing is hidden from assistive technology: the figure is named by its title
 * and described by a text summary, and every page that shows one also shows the numbers in a table.
 */
export function CountBarChart({
  title,
  summary,
  data,
}: {
  title: string;
  summary: string;
  data: { label: string; value: number }[];
}) {
  const id = useId();
  return (
    <figure className="ta-chart">
      <div
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className="ta-chart__plot"
      >
        <div aria-hidden="true">
          <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 320, height: HEIGHT }}>
            <BarChart
              data={data}
              margin={{ top: 16, right: 16, bottom: 8, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke={COLOR.grid} vertical={false} />
              <XAxis dataKey="label" tick={TICK} stroke={COLOR.axis} interval={0} />
              <YAxis allowDecimals={false} tick={TICK} stroke={COLOR.axis} width={40} />
              <Bar
                dataKey="value"
                fill={COLOR.bar}
                isAnimationActive={false}
                label={{ position: "top", fill: COLOR.ink, fontSize: 13 }}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <figcaption className="ta-chart__caption">
        <span id={`${id}-title`} className="ta-chart__title">
          {title}
        </span>
        <span id={`${id}-desc`}>{summary}</span>
      </figcaption>
    </figure>
  );
}

/** Ordered levels (networking → collaboration) over time as a step line; same accessibility as above. */
export function LevelStepChart({
  title,
  summary,
  levels,
  points,
  formatDay,
}: {
  title: string;
  summary: string;
  /** The level names, lowest first; a point's value is its index + 1. */
  levels: string[];
  points: { date: string; value: number }[];
  formatDay: (value: string) => string;
}) {
  const id = useId();
  return (
    <figure className="ta-chart">
      <div
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className="ta-chart__plot"
      >
        <div aria-hidden="true">
          <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 320, height: HEIGHT }}>
            <LineChart
              data={points}
              margin={{ top: 16, right: 24, bottom: 8, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke={COLOR.grid} vertical={false} />
              <XAxis
                dataKey="date"
                tickFormatter={formatDay}
                tick={TICK}
                stroke={COLOR.axis}
                padding={{ left: 16, right: 16 }}
              />
              <YAxis
                domain={[1, levels.length]}
                ticks={levels.map((_, i) => i + 1)}
                tickFormatter={(value: number) => levels[value - 1] ?? ""}
                tick={TICK}
                stroke={COLOR.axis}
                width={110}
              />
              <Line
                type="stepAfter"
                dataKey="value"
                stroke={COLOR.bar}
                strokeWidth={3}
                dot={{ r: 5, fill: COLOR.bar, stroke: COLOR.bar }}
                activeDot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
      <figcaption className="ta-chart__caption">
        <span id={`${id}-title`} className="ta-chart__title">
          {title}
        </span>
        <span id={`${id}-desc`}>{summary}</span>
      </figcaption>
    </figure>
  );
}
