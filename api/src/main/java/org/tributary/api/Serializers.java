package org.tributary.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link RecordSerializer} for a type; null stays null both ways. */
public final class Serializers {

  private static final List<RecordSerializer> ALL = load();

  private Serializers() {}

  public static byte[] serialize(Object value) {
    return value == null ? null : forType(value.getClass()).serialize(value);
  }

  public static <T> T deserialize(byte[] data, Class<T> type) {
    return data == null ? null : forType(type).deserialize(data, type);
  }

  private static RecordSerializer forType(Class<?> type) {
    for (RecordSerializer serializer : ALL) {
      if (serializer.handles(type)) {
        return serializer;
      }
    }
    throw new TributaryClientException(
        "INVALID_RECORD", "No RecordSerializer handles " + type.getName() + ".");
  }

  private static List<RecordSerializer> load() {
    List<RecordSerializer> all = new ArrayList<>();
    ServiceLoader.load(RecordSerializer.class, Serializers.class.getClassLoader())
        .forEach(all::add);
    all.add(new Utf8Strings());
    all.add(new RawBytes());
    all.add(new JsonBinding());
    all.sort(Comparator.comparingInt(RecordSerializer::priority).reversed());
    return List.copyOf(all);
  }

  /** {@code String} as UTF-8. */
  static final class Utf8Strings implements RecordSerializer {
    @Override
    public boolean handles(Class<?> type) {
      return type == String.class;
    }

    @Override
    public byte[] serialize(Object value) {
      return ((String) value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T deserialize(byte[] data, Class<T> type) {
      return type.cast(new String(data, StandardCharsets.UTF_8));
    }
  }

  /** {@code byte[]} as it is. */
  static final class RawBytes implements RecordSerializer {
    @Override
    public boolean handles(Class<?> type) {
      return type == byte[].class;
    }

    @Override
    public byte[] serialize(Object value) {
      return (byte[]) value;
    }

    @Override
    public <T> T deserialize(byte[] data, Class<T> type) {
      return type.cast(data);
    }
  }

  /** Any other object as JSON, with JSON-B's default mapping. */
  static final class JsonBinding implements RecordSerializer {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public boolean handles(Class<?> type) {
      return true;
    }

    @Override
    public byte[] serialize(Object value) {
      return JSONB.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T deserialize(byte[] data, Class<T> type) {
      return JSONB.fromJson(new String(data, StandardCharsets.UTF_8), type);
    }

    @Override
    public int priority() {
      return Integer.MIN_VALUE;
    }
  }
}
