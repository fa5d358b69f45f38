package io.albtrace.spans;

import io.albtrace.accesslog.AlbLogField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An ALB access-log line to test with: AWS's own HTTP example, any field replaced (raw, quotes included). */
final class AlbLine {
  static final String[] AWS_HTTP = {
    "http", "2018-07-02T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "192.168.131.39:2817",
    "10.0.0.1:80", "0.000", "0.001", "0.000", "200", "200", "34", "366",
    "\"GET http://www.example.com:80/ HTTP/1.1\"", "\"curl/7.46.0\"", "-", "-",
    "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067",
    "\"Root=1-58337262-36d228ad5d99923122bbe354\"", "\"-\"", "\"-\"", "0", "2018-07-02T22:22:48.364000Z",
    "\"forward\"", "\"-\"", "\"-\"", "\"10.0.0.1:80\"", "\"200\"", "\"-\"", "\"-\"", "TID_1234abcd5678ef90",
    "\"-\"", "\"-\"", "\"-\""
  };

  private final List<String> fields;

  private AlbLine(List<String> fields) {
    this.fields = fields;
  }

  static AlbLine aws() {
    return new AlbLine(new ArrayList<>(Arrays.asList(AWS_HTTP)));
  }

  /** Replaces a field's raw text (write the quotes of a quoted field). */
  AlbLine set(AlbLogField f, String raw) {
    fields.set(f.ordinal(), raw);
    return this;
  }

  /** Sets {@code trace_id} to {@code "<header>"}. */
  AlbLine traceId(String header) {
    return set(AlbLogField.TRACE_ID, "\"" + header + "\"");
  }

  /** The entry cut after {@code f} (an older entry's last field). */
  AlbLine endAfter(AlbLogField f) {
    fields.subList(f.ordinal() + 1, fields.size()).clear();
    return this;
  }

  /** Appends fields AWS may add later. */
  AlbLine extra(String... raw) {
    fields.addAll(Arrays.asList(raw));
    return this;
  }

  @Override
  public String toString() {
    return String.join(" ", fields);
  }
}
