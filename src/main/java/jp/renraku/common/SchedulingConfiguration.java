package jp.renraku.common;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Housekeeping runs on a schedule (retention erasure). Each job is safe to run on every
 * node at once. Tests switch it off ({@code renraku.scheduling.enabled=false}) and call
 * the jobs.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "renraku.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {

}
