package dev.alphabets.producer.sending;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.alphabets.producer.DeliveryModel;
import org.springframework.context.annotation.Conditional;

/**
 * Registers a bean only in one delivery model ({@code alphabet.delivery}, bound as the
 * application binds it, so every spelling the enum accepts matches).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnDeliveryCondition.class)
@interface ConditionalOnDelivery {

	/**
	 * The model the bean belongs to.
	 * @return the model
	 */
	DeliveryModel value();

}
