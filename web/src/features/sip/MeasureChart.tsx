import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { useNumberFormat } from "./sip.format.ts";
import type { MeasureSeries } from "./sip.types.ts";

const HEIGHT = 260;
/** USWDS colours; text and lines on white meet WCAG AA (primary 7.0:1, ink 17:1, base 4.8:1). */
const COLOR = { county: "#005ea2", national: "#1b1b1b", ink: "#1b1b1b", axis: "#71767a", grid: "#dfe1e2" };
const TICK = { fill: COLOR.ink, fontSize: 13 };
/** Labels drawn over lines get a white halo so they stay readable where a line crosses them. */
const LABEL = { ...TICK, stroke: "#ffffff", strokeWidth: 4, paintOrder: "stroke" };

/**
 * A county's observed values over time against national performance, drawn with recharts. The chart is a
 * picture with a title and a text summary; the table beside it carries the same numbers for screen readers
 * and print, so the drawing itself is hidden from assistive technology.
 */
export function MeasureChart({ series }: { series: MeasureSeries }) {
  const { t } = useTranslation();
  const id = useId();
  const formatNumber = useNumberFormat();
  const points = series.points;
  const national = series.measure.nationalPerformance;
  if (points.length === 0) return <p>{t("sip.measures.noData")}</p>;
  // A masked period stays null: recharts leaves a gap in the line there, and no number is ever drawn.
  const data = points.map((p) => ({
    period: p.periodEnd,
    value: p.masked ? null : p.value,
    masked: p.masked,
  }));
  const values = data.flatMap((d) => (d.value === null ? [] : [d.value]));
  const all = national === null ? values : [...values, national];
  const low = Math.min(...all, 0);
  const latest = [...data].reverse().find((d) => d.value !== null);
  const title = t("sip.measures.chartTitle", { code: series.measure.code, county: series.county });
  const summary = t("sip.measures.chartSummary", {
    periods: points.length,
    latest: latest?.value != null ? formatNumber(latest.value) : t("sip.measures.masked"),
    national: national === null ? "—" : formatNumber(national),
    masked: points.filter((p) => p.masked).length,
  });
  return (
    <figure className="sip-chart">
      <div
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className="sip-chart__plot"
      >
        <div aria-hidden="true">
          <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 320, height: HEIGHT }}>
            <LineChart
              data={data}
              margin={{ top: 20, right: 24, bottom: 8, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke={COLOR.grid} vertical={false} />
              <XAxis
                dataKey="period"
                tickFormatter={(period: string) => period.slice(0, 7)}
                tick={TICK}
                stroke={COLOR.axis}
                padding={{ left: 16, right: 16 }}
              />
              <YAxis
                domain={[low, "auto"]}
                tickFormatter={(value: number) => formatNumber(Math.round(value * 10) / 10)}
                tick={TICK}
                stroke={COLOR.axis}
                width={56}
              />
              {national !== null ? (
                <ReferenceLine
                  y={national}
                  stroke={COLOR.national}
                  strokeWidth={2}
                  strokeDasharray="6 4"
                  ifOverflow="extendDomain"
                  label={{
                    value: t("sip.measures.nationalShort", { value: formatNumber(national) }),
                    position: "insideBottomLeft",
                    ...LABEL,
                  }}
                />
              ) : null}
              {data.map((d) =>
                d.masked ? (
                  <ReferenceLine
                    key={d.period}
                    x={d.period}
                    stroke={COLOR.axis}
                    strokeDasharray="2 4"
                    label={{
                      value: t("sip.measures.maskedShort"),
                      position: "insideBottom",
                      offset: 8,
                      fontStyle: "italic",
                      ...LABEL,
                    }}
                  />
                ) : null,
              )}
              <Line
                type="linear"
                dataKey="value"
                stroke={COLOR.county}
                strokeWidth={3}
                dot={{ r: 5, fill: COLOR.county, stroke: COLOR.county }}
                activeDot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
      <figcaption className="sip-chart__caption">
        <span id={`${id}-title`} className="sip-chart__title">
          {title}
        </span>
        <span className="sip-chart__legend">
          <span className="sip-chart__legend-item">
            <span className="sip-chart__key sip-chart__key--county" aria-hidden="true" />
            {t("sip.measures.legendCounty", { county: series.county })}
          </span>
          <span className="sip-chart__legend-item">
            <span className="sip-chart__key sip-chart__key--national" aria-hidden="true" />
            {t("sip.measures.legendNational")}
          </span>
        </span>
        <span id={`${id}-desc`} className="sip-chart__summary">
          {summary}
        </span>
      </figcaption>
    </figure>
  );
}
