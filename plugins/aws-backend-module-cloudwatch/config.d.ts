export interface Config {
  awsPortal?: {
    /** The alarms source (CloudWatch alarms and their charts). */
    alarms?: {
      /**
       * How long, in minutes, an alarm in OK whose state has not changed
       * lately keeps its chart before a collection reads it again (alarms in
       * ALARM or INSUFFICIENT_DATA, and those that changed lately, are read
       * every collection). GetMetricData is billed per metric: this is the
       * knob between cost and the freshness of quiet alarms' charts.
       * Default 60.
       */
      quietChartMaxAgeMinutes?: number;
    };
  };
}
