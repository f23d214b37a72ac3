package dev.streamtts.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code @Option} field: the config.yaml key the option sets. Given, the option is the top layer of
 * the configuration; not given, it shows the key's effective value as {@code ${DEFAULT-VALUE}}
 * ({@link ConfigDefaults}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Sets {
    /** The key, "translate.target_lang". */
    String value();

    /** For a flag: the value it sets ("false" for --no-translate); empty: the option's own value. */
    String to() default "";
}
